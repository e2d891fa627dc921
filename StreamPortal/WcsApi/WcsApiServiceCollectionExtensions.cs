using StreamPortal.Hosting;

namespace StreamPortal.WcsApi;

public static class WcsApiServiceCollectionExtensions
{
    /// <summary>StreamPortal:Wcs: the WCS timings in force (loaded at start), the comparison with WCS's own streams and its schedule.</summary>
    public static IServiceCollection AddWcsApi(this IServiceCollection services)
    {
        services.AddValidatedOptions<WcsOptions, ValidateWcsOptions>(WcsOptions.Section);
        services.AddSingleton<WcsTimings>();
        services.AddStartupTask<LoadWcsTimings>();
        services.AddSingleton<WcsStreamList>();
        services.AddSingleton<WcsComparer>();
        services.AddHostedService<WcsCompareSchedule>();
        // Timeouts are the caller's (per node, answer included); redirects are not followed (a node's URL is configured).
        services.AddHttpClient(WcsStreamList.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}

/// <summary>The timings saved in Settings, before the first hook (the writer reads the duplicate window per batch).</summary>
internal sealed class LoadWcsTimings(WcsTimings timings) : IStartupTask
{
    public StartupStage Stage => StartupStage.Data;
    public Task RunAsync(CancellationToken cancellationToken) => timings.LoadAsync(cancellationToken);
}
