using Microsoft.Extensions.Options;

namespace StreamPortal.Hooks;

public static class HookEndpoints
{
    /// <summary>The hook endpoint's name (the API reference and its tests find it by this).</summary>
    public const string EndpointName = "WcsHook";

    /// <summary>POST /{prefix}/{app}/{method}: every WCS hook, known or not.</summary>
    public static IEndpointRouteBuilder MapHooks(this IEndpointRouteBuilder routes)
    {
        var prefix = routes.ServiceProvider.GetRequiredService<IOptions<HookOptions>>().Value.RoutePrefix;
        // A singleton, taken once here: as a parameter of the delegate it would be resolved from the request's
        // services, which makes a DI scope (and disposes it) for every hook.
        var handler = routes.ServiceProvider.GetRequiredService<HookHandler>();
        routes.MapPost($"/{prefix}/{{app}}/{{method}}", (HttpContext http, string app, string method) => handler.HandleAsync(http, app, method))
            .WithName(EndpointName)
            .DescribeHook() // OpenAPI metadata only: read when the document is generated, never for a hook
            // Hooks authenticate their caller themselves (HookCallerCheck) and answer exactly what was decided: the
            // routing middleware runs them at once, so the console's middleware after it (error and status-code pages,
            // authentication, authorization, antiforgery) never costs a hook time or changes its answer. The metadata
            // below says the same to anything that reads it (and ShortCircuit refuses an endpoint that requires
            // authorization or antiforgery validation).
            .ShortCircuit()
            .AllowAnonymous()
            .DisableAntiforgery();
        return routes;
    }
}
