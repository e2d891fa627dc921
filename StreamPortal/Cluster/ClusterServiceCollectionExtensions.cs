using StreamPortal.Health;
using StreamPortal.Hosting;
using StreamPortal.Rules;

namespace StreamPortal.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// StreamPortal:Cluster options, the Redis connection (made only when clustering is on) and its readiness check;
    /// the shared configuration (change messages, reloads) and the cluster-wide rule counters. Every background part
    /// returns at once without clustering.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddValidatedOptions<ClusterOptions, ValidateClusterOptions>(ClusterOptions.Section);
        services.AddSingleton<ClusterRedis>();
        services.AddSingleton<ConfigChangeNotifier>();
        services.AddSingleton<ConfigReloader>();
        services.AddHostedService<ConfigSync>();
        services.AddSingleton<RedisHitCounter>();
        services.AddSingleton<IClusterHitCounter>(sp => sp.GetRequiredService<RedisHitCounter>());
        services.AddHostedService<RuleHitSync>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthServiceCollectionExtensions.Ready]);
        return services;
    }
}
