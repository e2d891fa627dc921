using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StreamPortal.Cluster;

/// <summary>
/// Redis reachable, for /readyz in a cluster. An instance without Redis still answers and stores hooks, so the check
/// says Degraded (still 200: the balancer keeps the instance in rotation) rather than Unhealthy; only a store that
/// cannot take writes takes an instance out.
/// </summary>
public sealed class RedisHealthCheck(ClusterRedis redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!redis.Enabled ? HealthCheckResult.Healthy("clustering off")
            : redis.IsConnected ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Redis unreachable: live view across instances and cluster-wide maxHits degraded"));
}
