using MudBlazor.Services;

namespace StreamPortal.Components;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>The Blazor console: interactive server components, MudBlazor, and the signed-in user as a cascading value.</summary>
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        return services;
    }
}
