using StreamPortal.Data.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Auth;
using StreamPortal.Rules;

namespace StreamPortal.Api;

public static class RulesApi
{
    public sealed record ReorderRequest(IReadOnlyList<long>? Ids);
    public sealed record PassThroughState(bool On);

    public static RouteGroupBuilder MapRulesApi(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/rules").WithTags("Rules");
        rules.MapGet("/", ListAsync);
        rules.MapGet("/{id:long}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapPost("/", CreateAsync).RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<RuleInput>("The rule: conditions, answer, delay and limits.");
        rules.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<RuleInput>("The whole rule, replacing the stored one.").ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(PortalRoles.CanEdit).ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapPut("/order", ReorderAsync).RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<ReorderRequest>("Every rule id, in the new evaluation order.");
        rules.MapPost("/{id:long}/reset", ResetAsync).RequireAuthorization(PortalRoles.CanEdit).ProducesProblem(StatusCodes.Status404NotFound);
        // A dry run changes nothing but costs CPU beside the hooks (and a draft's regex decides how much): admins only.
        rules.MapPost("/dry-run", DryRunAsync).RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<DryRunRequest>("A draft rule and how many stored events to try it on.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/pass-through", (PassThroughSwitch passThrough) => TypedResults.Ok(new PassThroughState(passThrough.IsOn))).WithTags("Rules");
        api.MapPut("/pass-through", SetPassThroughAsync).WithTags("Rules").RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<PassThroughState>("on: true answers every hook with the plain mirror, whatever the rules say.");
        return api;
    }

    public static async Task<Ok<PagedResult<RuleView>>> ListAsync(string? appKey, RuleService service, CancellationToken ct)
    {
        var items = await service.ListAsync(appKey, ct);
        return TypedResults.Ok(new PagedResult<RuleView>(items, items.Count));
    }

    public static async Task<Results<Ok<RuleView>, ProblemHttpResult>> GetAsync(long id, string? appKey, RuleService service, CancellationToken ct) =>
        await service.GetAsync(id, appKey, ct) is { } rule ? TypedResults.Ok(rule) : NotFound(id);

    public static async Task<Results<Created<RuleView>, ValidationProblem>> CreateAsync(HttpRequest request, RuleService service, CancellationToken ct)
    {
        var (rule, problem) = await JsonRequestBody.ReadAsync<RuleInput>(request, ct);
        if (problem is not null) return problem;
        var result = await service.CreateAsync(rule!, ct);
        if (result.Errors is { } errors) return JsonRequestBody.Invalid(errors);
        return TypedResults.Created($"/api/rules/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Ok<RuleView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(long id, HttpRequest request, RuleService service, CancellationToken ct)
    {
        var (rule, problem) = await JsonRequestBody.ReadAsync<RuleInput>(request, ct);
        if (problem is not null) return problem;
        var result = await service.UpdateAsync(id, rule!, ct);
        if (result.NotFound) return NotFound(id);
        if (result.Errors is { } errors) return JsonRequestBody.Invalid(errors);
        return TypedResults.Ok(result.Value!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, RuleService service, CancellationToken ct) =>
        await service.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);

    public static async Task<Results<Ok<PagedResult<RuleView>>, ValidationProblem>> ReorderAsync(HttpRequest request, RuleService service, CancellationToken ct)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<ReorderRequest>(request, ct);
        if (problem is not null) return problem;
        var result = await service.ReorderAsync(body!.Ids, ct);
        if (result.Errors is { } errors) return JsonRequestBody.Invalid(errors);
        return TypedResults.Ok(new PagedResult<RuleView>(result.Value!, result.Value!.Count));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ResetAsync(long id, RuleService service, CancellationToken ct) =>
        await service.ResetCountersAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);

    public static async Task<Results<Ok<DryRunResult>, ValidationProblem, ProblemHttpResult>> DryRunAsync(HttpRequest request, RuleDryRun dryRun, CancellationToken ct)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<DryRunRequest>(request, ct);
        if (problem is not null) return problem;
        var result = await dryRun.RunAsync(body!, ct);
        if (result.Errors is { } errors) return JsonRequestBody.Invalid(errors);
        if (result.Busy)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "A dry run is already running",
                detail: "Dry runs run one at a time, each for at most StreamPortal:Rules:DryRunTimeoutMs, so that they never crowd out hooks; retry shortly.");
        }
        return TypedResults.Ok(result.Value!);
    }

    public static async Task<Results<Ok<PassThroughState>, ValidationProblem>> SetPassThroughAsync(HttpRequest request, PassThroughSwitch passThrough, CancellationToken ct)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<PassThroughState>(request, ct);
        if (problem is not null) return problem;
        await passThrough.SetAsync(body!.On, ct);
        return TypedResults.Ok(new PassThroughState(passThrough.IsOn));
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: 404, title: "Rule not found", detail: $"No rule has id {id}.");
}
