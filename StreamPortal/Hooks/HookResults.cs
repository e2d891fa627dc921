using Microsoft.AspNetCore.Mvc;

namespace StreamPortal.Hooks;

/// <summary>A JSON answer written from ready bytes, any status: the mirror is never re-serialised.</summary>
internal sealed class JsonBytesResult(byte[] body, int status) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }
}

/// <summary>An application/problem+json answer that also names the stored event of the rejected request.</summary>
internal sealed class ProblemResult(int status, string title, string detail, long eventId, IEnumerable<KeyValuePair<string, string>>? headers)
    : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public Task ExecuteAsync(HttpContext http)
    {
        if (headers is not null)
            foreach (var (name, value) in headers) http.Response.Headers[name] = value;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["eventId"] = eventId;
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }
}
