using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamPortal.Rules;

namespace StreamPortal.Cluster;

/// <summary>
/// maxHits across the cluster: one Lua script per hit, atomic in Redis, so 100 concurrent hooks over any number of
/// instances take exactly maxHits hits. Keyed by rule id and counter generation (moved by a reset), with an expiry
/// refreshed by each hit so that counters of deleted or reset rules go away by themselves.
/// </summary>
public sealed class RedisHitCounter(ClusterRedis redis, IOptions<ClusterOptions> options, ILogger<RedisHitCounter> logger) : IClusterHitCounter
{
    /// <summary>
    /// How long a hook waits for Redis at most (StreamPortal:Cluster:MaxHitsTimeoutMs, 250 ms). A hook must not stall on
    /// a slow or half-dead Redis: past this the instance counts on its own counter, which follows the cluster's count
    /// but not the hits of the last moments, so such a hook may fire once more than maxHits allows (and Redis may still
    /// count it too). Exactness holds while Redis answers in time.
    /// </summary>
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.MaxHitsTimeoutMs);

    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(30);

    // KEYS[1] counter; ARGV: maxHits, seed, lifetime in seconds. Returns { taken (1/0), count after }.
    private const string Script = """
        local c = tonumber(redis.call('GET', KEYS[1]) or ARGV[2])
        local taken = 0
        if c < tonumber(ARGV[1]) then c = c + 1; taken = 1 end
        redis.call('SET', KEYS[1], c, 'EX', ARGV[3])
        return { taken, c }
        """;

    private long _lastWarningMs;

    public async Task<bool> StartGenerationAsync(long ruleId, long generation, CancellationToken ct)
    {
        if (redis.Connection is not { IsConnected: true } connection) return false;
        try
        {
            return await connection.GetDatabase().StringSetAsync(redis.Key($"rulehits:{ruleId}:{generation}"), 0, KeyLifetime)
                .WaitAsync(TimeSpan.FromSeconds(1), ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { return false; }
    }

    /// <summary>
    /// One evaluation on a key of its own that never counts (limit 0), once Redis is reachable: the script is then
    /// cached in Redis and the client's code paths are warm, so the first real hook does not spend its time budget on
    /// either. True once done.
    /// </summary>
    public async Task<bool> WarmUpAsync(CancellationToken ct)
    {
        if (redis.Connection is not { IsConnected: true } connection) return false;
        try
        {
            await connection.GetDatabase().ScriptEvaluateAsync(Script, [redis.Key("rulehits:warm-up")], [0, 0, 60]).WaitAsync(TimeSpan.FromSeconds(5), ct);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { return false; }
    }

    public bool IsAvailable => redis.IsConnected;

    public async ValueTask<ClusterHit> TryHitAsync(long ruleId, long generation, long maxHits, long seed, CancellationToken ct)
    {
        if (redis.Connection is not { IsConnected: true } connection) return new ClusterHit(ClusterHitOutcome.Unavailable, 0);
        try
        {
            var result = await connection.GetDatabase()
                .ScriptEvaluateAsync(Script, [redis.Key($"rulehits:{ruleId}:{generation}")],
                    [maxHits, Math.Max(0, seed), (long)KeyLifetime.TotalSeconds])
                .WaitAsync(_timeout, ct);
            var values = (RedisResult[])result!;
            return new ClusterHit((long)values[0] == 1 ? ClusterHitOutcome.Taken : ClusterHitOutcome.Spent, (long)values[1]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Logged at most once a minute: under load every hook of the rule would say the same.
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _lastWarningMs) > 60_000)
            {
                Interlocked.Exchange(ref _lastWarningMs, now);
                logger.LogWarning(ex, "Cluster-wide maxHits unavailable (Redis did not answer within {Timeout} ms): counting on this instance only.", _timeout.TotalMilliseconds);
            }
            return new ClusterHit(ClusterHitOutcome.Unavailable, 0);
        }
    }
}
