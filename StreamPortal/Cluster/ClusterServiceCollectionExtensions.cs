using StreamPortal.Health;
using StreamPortal.Hosting;

namespace StreamPortal.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>StreamPortal:Cluster options, the Redis connection (made only when clustering is on) and its readiness check.</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddValidatedOptions<ClusterOptions, ValidateClusterOptions>(ClusterOptions.Section);
        services.AddSingleton<ClusterRedis>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthServiceCollectionExtensions.Ready]);
        return services;
    }
}
