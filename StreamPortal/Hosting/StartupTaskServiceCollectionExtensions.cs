using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StreamPortal.Hosting;

public static class StartupTaskServiceCollectionExtensions
{
    /// <summary>Registers a start task, and the runner that runs all of them before the app serves (once, however many tasks).</summary>
    public static IServiceCollection AddStartupTask<T>(this IServiceCollection services) where T : class, IStartupTask
    {
        services.TryAddSingleton<StartupTaskRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupTaskRunner>(sp => sp.GetRequiredService<StartupTaskRunner>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupTask, T>());
        return services;
    }
}
