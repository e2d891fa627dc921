namespace StreamPortal.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>The feed of committed batches, the hook rate tracker, the SignalR hub and its relay, and each circuit's live state.</summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSingleton<HookFeed>();
        services.AddSingleton<BackgroundStart>();
        services.AddSingleton<HookRateTracker>();
        services.AddSingleton<AnswerTimeTracker>();
        services.AddSingleton<DashboardQueries>();
        services.AddHostedService(sp => sp.GetRequiredService<HookRateTracker>());
        services.AddScoped<LiveState>();
        services.AddSignalR();
        services.AddHostedService<HubRelay>();
        return services;
    }
}
