using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Hooks;

public static class HooksServiceCollectionExtensions
{
    /// <summary>The hook endpoint's handler and caller check, with StreamPortal:Hooks (mapped by <see cref="HookEndpoints.MapHooks"/>).</summary>
    public static IServiceCollection AddHooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<HookOptions, ValidateHookOptions>(HookOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HookOptions>, PostConfigureHookOptions>());
        services.AddSingleton<ShadowAuthCounts>();
        services.AddSingleton<HookCallerCheck>();
        services.AddSingleton<HookHandler>();
        return services;
    }
}
