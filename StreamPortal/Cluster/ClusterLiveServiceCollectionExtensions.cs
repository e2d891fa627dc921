using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace StreamPortal.Cluster;

public static class ClusterLiveServiceCollectionExtensions
{
    /// <summary>
    /// One live view across the cluster: the live feed joined through Redis (<see cref="ClusterFeed"/>) and the hubs on
    /// SignalR's Redis backplane over this instance's one Redis connection. Without clustering both stay in-process.
    /// </summary>
    public static IServiceCollection AddClusterLive(this IServiceCollection services)
    {
        services.AddSingleton<ClusterFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterFeed>());
        // The last registration wins over AddSignalR's in-memory default, whichever runs first.
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(ClusterHubLifetimeManager<>));
        services.AddOptions<RedisOptions>().Configure<ClusterRedis>((options, redis) =>
            options.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(redis.Connection
                ?? throw new InvalidOperationException("The Redis backplane runs only when clustering is on.")));
        return services;
    }
}
