using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

public static class StreamsApi
{
    public static RouteGroupBuilder MapStreamsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/streams").WithTags("Streams");
        group.MapGet("/", ListAsync);
        group.MapGet("/{**mediaSessionId}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<PagedResult<StreamItem>>, ValidationProblem>> ListAsync(
        [AsParameters] StreamListRequest request, StreamQueries queries, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var page = errors.Page(request.Page);
        var pageSize = errors.PageSize(request.PageSize);
        if (request.ToFilter(errors) is not { } filter) return errors.Problem();
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
