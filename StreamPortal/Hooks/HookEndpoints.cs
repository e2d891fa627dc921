using Microsoft.Extensions.Options;

namespace StreamPortal.Hooks;

public static class HookEndpoints
{
    /// <summary>POST /{prefix}/{app}/{method}: every WCS hook, known or not.</summary>
    public static IEndpointRouteBuilder MapHookEndpoints(this IEndpointRouteBuilder routes)
    {
        var prefix = routes.ServiceProvider.GetRequiredService<IOptions<HookOptions>>().Value.RoutePrefix.Trim('/');
        routes.MapPost($"/{prefix}/{{app}}/{{method}}",
                (HttpContext http, string app, string method, HookHandler handler) => handler.HandleAsync(http, app, method))
            .WithName("WcsHook")
            .DisableAntiforgery()
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }
}
