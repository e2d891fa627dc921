using System.ComponentModel;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

/// <summary>
/// The query of <c>GET /api/streams</c>: bound as strings so that a bad value gets this API's problem answer naming
/// every wrong field, not a bare binding 400.
/// </summary>
public sealed record StreamListRequest(
    [property: Description("Exact stream name.")] string? Name = null,
    [property: Description("Exact WCS stream status, e.g. PUBLISHING.")] string? Status = null,
    [property: Description("Exact appKey.")] string? AppKey = null,
    [property: Description("true: publishers only; false: players only.")] string? Published = null,
    [property: Description("Exact WCS nodeId.")] string? NodeId = null,
    [property: Description("Exact WCS sessionId.")] string? SessionId = null,
    [property: Description("First seen at or after this ISO 8601 time.")] string? From = null,
    [property: Description("First seen before this ISO 8601 time.")] string? To = null,
    [property: Description("name, status, firstSeen (default, indexed) or lastSeen.")] string? Sort = null,
    [property: Description("Descending order: true (default) or false.")] string? Desc = null,
    [property: Description("Page number, from 1.")] string? Page = null,
    [property: Description("Rows per page, 1-500 (default 50).")] string? PageSize = null)
{
    /// <summary>The filter this query asks for, or null with every problem recorded in <paramref name="errors"/>.</summary>
    public StreamFilter? ToFilter(QueryErrors errors)
    {
        var filter = new StreamFilter
        {
            Name = Name,
            Status = Status,
            AppKey = AppKey,
            Published = errors.Bool("published", Published),
            NodeId = NodeId,
            SessionId = SessionId,
            FromMs = errors.Time("from", From),
            ToMs = errors.Time("to", To),
            Sort = Sort,
            Descending = errors.Bool("desc", Desc) ?? true,
        };
        return errors.Any ? null : filter;
    }
}
