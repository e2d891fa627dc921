using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sessions").WithTags("Sessions");
        group.MapGet("/", ListAsync);
        // Catch-all: older WCS session ids contain '/', sent raw or as %2F.
        group.MapGet("/{**sessionId}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<PagedResult<SessionItem>>, ValidationProblem>> ListAsync(
        [AsParameters] SessionListRequest request, SessionQueries queries, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var page = errors.Page(request.Page);
        var pageSize = errors.PageSize(request.PageSize);
        if (request.ToFilter(errors) is not { } filter) return errors.Problem();
        return TypedResults.Ok(await queries.ListAsync(filter, page, pageSize, ct));
    }

    public static async Task<Results<Ok<SessionDetail>, ProblemHttpResult>> GetAsync(string sessionId, SessionQueries queries, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(sessionId);
        return await queries.GetAsync(id, ct) is { } s
            ? TypedResults.Ok(s)
            : TypedResults.Problem(statusCode: 404, title: "Session not found", detail: $"No session has sessionId '{id}'.");
    }
}
