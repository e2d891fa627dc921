using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Api;
using StreamPortal.Auth;
using StreamPortal.Hooks;

namespace StreamPortal.WcsApi;

public static class WcsEndpoints
{
    /// <summary>
    /// /api/wcs: the comparison with WCS's own streams (POST runs one, admin: it sends traffic to the nodes) and the WCS
    /// timings in force; /api/hooks/shadow-auth: what shadow caller authentication would have refused.
    /// </summary>
    public static RouteGroupBuilder MapWcsApi(this RouteGroupBuilder api)
    {
        var wcs = api.MapGroup("/wcs").WithTags("WCS");
        wcs.MapGet("/compare", Results<Ok<WcsComparison>, NoContent> (WcsComparer comparer) =>
            comparer.Latest is { } latest ? TypedResults.Ok(latest) : TypedResults.NoContent());
        wcs.MapPost("/compare", CompareAsync).RequireAuthorization(PortalRoles.CanEdit).ProducesProblem(StatusCodes.Status409Conflict);
        wcs.MapGet("/timings", (WcsTimings timings) => TypedResults.Ok(timings.Current));
        wcs.MapPut("/timings", SaveTimingsAsync).RequireAuthorization(PortalRoles.CanEdit).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/hooks/shadow-auth", (ShadowAuthCounts counts) => TypedResults.Ok(counts.Snapshot())).WithTags("WCS");
        return api;
    }

    private static async Task<Results<Ok<WcsComparison>, ProblemHttpResult>> CompareAsync(WcsComparer comparer, CancellationToken ct)
    {
        if (!comparer.HasNodes)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No WCS node configured",
                detail: $"Set {WcsOptions.Section}:{nameof(WcsOptions.Nodes)} to the REST API base URLs of the WCS nodes (e.g. http://wcs1:8081).");
        return TypedResults.Ok(await comparer.CompareAsync(ct));
    }

    private static async Task<Results<Ok<WcsTimingValues>, ValidationProblem, ProblemHttpResult>> SaveTimingsAsync(HttpRequest request, WcsTimings timings, CancellationToken ct)
    {
        var (value, bad) = await JsonRequestBody.ReadAsync<WcsTimingValues>(request, ct);
        if (bad is not null) return bad;
        if (await timings.SaveAsync(value!, ct) is { } problem)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid WCS timings", detail: problem);
        return TypedResults.Ok(timings.Current);
    }
}
