using StreamPortal.Data.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Auth;
using StreamPortal.Rules;

namespace StreamPortal.Api;

public static class ConnectPoliciesApi
{
    public static RouteGroupBuilder MapConnectPoliciesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/connect-policies", ListAsync).WithTags("Connect policies");
        var app = api.MapGroup("/apps/{appKey}/connect-policy").WithTags("Connect policies");
        app.MapGet("/", (string appKey, ConnectPolicyService service) => TypedResults.Ok(service.Get(appKey)));
        app.MapPut("/", PutAsync).RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<ConnectPolicyInput>("The app's connect policy (the restClientConfig its connect answers carry).");
        app.MapDelete("/", DeleteAsync).RequireAuthorization(PortalRoles.CanEdit).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<PagedResult<ConnectPolicyView>>> ListAsync(ConnectPolicyService service, CancellationToken ct)
    {
        var items = await service.ListAsync(ct);
        return TypedResults.Ok(new PagedResult<ConnectPolicyView>(items, items.Count));
    }

    public static async Task<Results<Ok<ConnectPolicyView>, ValidationProblem>> PutAsync(string appKey, HttpRequest request, ConnectPolicyService service, CancellationToken ct)
    {
        var (input, problem) = await JsonRequestBody.ReadAsync<ConnectPolicyInput>(request, ct);
        if (problem is not null) return problem;
        var result = await service.PutAsync(appKey, input!, ct);
        if (result.Errors is { } errors) return JsonRequestBody.Invalid(errors);
        return TypedResults.Ok(result.Value!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string appKey, ConnectPolicyService service, CancellationToken ct) =>
        await service.DeleteAsync(appKey, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: "No connect policy", detail: $"App '{appKey}' has no policy of its own.");
}
