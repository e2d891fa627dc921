using System.ComponentModel;
using StreamPortal.Anomalies;

namespace StreamPortal.Api;

/// <summary>
/// The query of <c>GET /api/anomalies</c>: bound as strings so that a bad value gets this API's problem answer naming
/// every wrong field, not a bare binding 400.
/// </summary>
public sealed record AnomalyListRequest(
    [property: Description("staleStream, silentSession, lateHook, orphanPlayer, silentNode or refusedThenActive.")] string? Kind = null,
    [property: Description("true: only open anomalies; false: only resolved ones.")] string? Open = null,
    [property: Description("Exact mediaSessionId, sessionId or nodeId the anomaly concerns.")] string? Subject = null,
    [property: Description("Page number, from 1.")] string? Page = null,
    [property: Description("Rows per page, 1-500 (default 50).")] string? PageSize = null)
{
    /// <summary>Longer than any id WCS hands out; a longer subject is a mistake, not a search.</summary>
    public const int MaxSubjectLength = 256;

    /// <summary>The filter this query asks for, or null with every problem recorded in <paramref name="errors"/>.</summary>
    public AnomalyFilter? ToFilter(QueryErrors errors)
    {
        string? kind = null;
        if (Kind is { Length: > 0 } rawKind && (kind = AnomalyKind.Parse(rawKind)) is null)
            errors.Add("kind", $"'{rawKind}' is not one of {string.Join(", ", AnomalyKind.All)}.");
        if (Subject is { Length: > MaxSubjectLength })
            errors.Add("subject", $"The subject has more than {MaxSubjectLength} characters.");
        var filter = new AnomalyFilter(kind, errors.Bool("open", Open), string.IsNullOrEmpty(Subject) ? null : Subject);
        return errors.Any ? null : filter;
    }
}
