using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

public static class StreamsApi
{
    public static RouteGroupBuilder MapStreamsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/streams").WithTags("Streams");
        group.MapGet("/", ListAsync);
        group.MapGet("/{**mediaSessionId}", GetAsync);
        return api;
    }

    public static async Task<IResult> ListAsync(HttpRequest request, StreamQueries queries, CancellationToken ct)
    {
        var q = request.Query;
        var errors = new QueryErrors();
        var page = errors.Page(q["page"]);
        var pageSize = errors.PageSize(q["pageSize"]);
        var filter = new StreamFilter
        {
            Name = q["name"],
            Status = q["status"],
            AppKey = q["appKey"],
            Published = errors.Bool("published", q["published"]),
            NodeId = q["nodeId"],
            SessionId = q["sessionId"],
            FromMs = errors.Time("from", q["from"]),
            ToMs = errors.Time("to", q["to"]),
            Sort = q["sort"],
            Descending = errors.Bool("desc", q["desc"]) ?? true,
        };
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(await queries.ListAsync(filter, page, pageSize, ct));
    }

    public static async Task<Results<Ok<StreamDetail>, ProblemHttpResult>> GetAsync(string mediaSessionId, StreamQueries queries, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(mediaSessionId);
        return await queries.GetAsync(id, ct) is { } s
            ? TypedResults.Ok(s)
            : TypedResults.Problem(statusCode: 404, title: "Stream not found", detail: $"No stream instance has mediaSessionId '{id}'.");
    }
}
