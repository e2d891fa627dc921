using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Rules;

namespace StreamPortal.Cluster;

/// <summary>
/// In a cluster, each instance's live rule counters count its own hits; every instance's writer adds its hits to the
/// rule's stored HitCount in the transaction of the events. Reading those stored counts once a second and raising the
/// live counters to them makes the Rules page and the API show the cluster's hits (late by at most a second and a
/// batch), and gives max-hits rules a cluster-wide count to fall back on while Redis is away. Off without clustering.
/// </summary>
public sealed class RuleHitSync(
    ClusterRedis redis,
    IDbContextFactory<PortalDbContext> contexts,
    RuleEngine engine,
    RedisHitCounter hits,
    ILogger<RuleHitSync> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!redis.Enabled) return;
        using var timer = new PeriodicTimer(Period);
        var warm = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!warm) warm = await hits.WarmUpAsync(stoppingToken);
            if (engine.Rules.Count == 0) continue;
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                var stored = await db.Rules.AsNoTracking().Select(r => new { r.Id, r.HitCount, r.LastHitAtMs, r.UpdatedAtMs }).ToListAsync(stoppingToken);
                engine.ObserveStoredHits(stored.Select(r => (r.Id, r.HitCount, r.LastHitAtMs, r.UpdatedAtMs)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database away: the hook path says so (503); this only waits for the next tick.
                logger.LogDebug(ex, "Could not read the stored rule hits.");
            }
        }
    }
}
