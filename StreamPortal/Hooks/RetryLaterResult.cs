using System.Globalization;
using StreamPortal.Ingest;

namespace StreamPortal.Hooks;

/// <summary>503 problem JSON with Retry-After (whole seconds): the hook was not stored for a passing reason.</summary>
internal sealed class RetryLaterResult(StoreUnavailableException reason) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

    public Task ExecuteAsync(HttpContext http)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(reason.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Hook not stored, retry later", detail: reason.Message)
            .ExecuteAsync(http);
    }
}
