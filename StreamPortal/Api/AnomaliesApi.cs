using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Anomalies;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

public static class AnomaliesApi
{
    /// <summary>GET /api/anomalies: lifecycle anomalies, newest first (docs/anomalies.md).</summary>
    public static RouteGroupBuilder MapAnomaliesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/anomalies").WithTags("Anomalies");
        group.MapGet("/", ListAsync);
        return api;
    }

    public static async Task<Results<Ok<PagedResult<AnomalyItem>>, ValidationProblem>> ListAsync(
        [AsParameters] AnomalyListRequest request, AnomalyQueries queries, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var page = errors.Page(request.Page);
        var pageSize = errors.PageSize(request.PageSize);
        if (request.ToFilter(errors) is not { } filter) return errors.Problem();
        return TypedResults.Ok(await queries.ListAsync(filter, page, pageSize, ct));
    }
}
