using System.ComponentModel;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

/// <summary>
/// The query of <c>GET /api/sessions</c>: bound as strings so that a bad value gets this API's problem answer naming
/// every wrong field, not a bare binding 400.
/// </summary>
public sealed record SessionListRequest(
    [property: Description("Exact WCS connection status, e.g. ESTABLISHED.")] string? Status = null,
    [property: Description("Exact appKey.")] string? AppKey = null,
    [property: Description("Exact origin the client connected from.")] string? Origin = null,
    [property: Description("Exact custom.login of the connect hook.")] string? Login = null,
    [property: Description("Free text over session id, login and browser version.")] string? Q = null,
    [property: Description("firstSeen (default), lastSeen, status or login.")] string? Sort = null,
    [property: Description("Descending order: true (default) or false.")] string? Desc = null,
    [property: Description("Page number, from 1.")] string? Page = null,
    [property: Description("Rows per page, 1-500 (default 50).")] string? PageSize = null)
{
    /// <summary>The filter this query asks for, or null with every problem recorded in <paramref name="errors"/>.</summary>
    public SessionFilter? ToFilter(QueryErrors errors)
    {
        var filter = new SessionFilter
        {
            Status = Status,
            AppKey = AppKey,
            Origin = Origin,
            Login = Login,
            Q = Q,
            Sort = Sort,
            Descending = errors.Bool("desc", Desc) ?? true,
        };
        return errors.Any ? null : filter;
    }
}
