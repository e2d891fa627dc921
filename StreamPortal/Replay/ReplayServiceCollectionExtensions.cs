namespace StreamPortal.Replay;

public static class ReplayServiceCollectionExtensions
{
    /// <summary>The replay of stored events to this portal or another backend.</summary>
    public static IServiceCollection AddReplay(this IServiceCollection services)
    {
        services.AddSingleton<LocalReplayTarget>();
        services.AddSingleton<RemoteReplayTarget>();
        services.AddSingleton<ReplayService>();
        // Redirects are not followed: a hook base URL that redirects is reported as its own answer, as WCS would see it.
        services.AddHttpClient(RemoteReplayTarget.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
