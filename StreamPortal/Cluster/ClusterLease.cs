using StackExchange.Redis;

namespace StreamPortal.Cluster;

/// <summary>
/// One instance in charge of work that must run once per cluster, e.g. the anomaly detector (every instance sees
/// every committed batch, so each would record each anomaly): a Redis key with a time to live, taken by one process
/// and renewed by it. When the holder stops renewing (it died, or lost Redis) the key expires and the next instance to
/// refresh takes over. Without clustering this instance is always in charge.
/// </summary>
public sealed class ClusterLease(ClusterRedis redis, string name, ILogger logger)
{
    /// <summary>How long a lease outlives its holder's last renewal; holders renew at least every third of it.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    // Take the key if free, renew it if ours, else leave it: one atomic step, so two instances never both take it.
    private static readonly LuaScript TakeOrRenew = LuaScript.Prepare("""
        local holder = redis.call('GET', @key)
        if holder == @me then redis.call('PEXPIRE', @key, @ttl) return 1 end
        if not holder then redis.call('SET', @key, @me, 'PX', @ttl) return 1 end
        return 0
        """);

    // The process, not only the instance name: a restarted instance must not mistake its predecessor's lease for its own.
    private readonly string _me = $"{redis.Instance}/{Guid.NewGuid():N}";
    private volatile bool _held = !redis.Enabled;

    /// <summary>Whether this instance is in charge now (as of the last <see cref="RefreshAsync"/>).</summary>
    public bool IsHeld => _held;

    /// <summary>
    /// Takes or renews the lease. While Redis cannot be reached the last answer stands: the holder goes on (nobody else
    /// can take the lease meanwhile) and the others wait; when Redis returns, the expired key goes to whoever asks first
    /// and a former holder learns at its next refresh that it no longer holds it.
    /// </summary>
    /// <returns>True when this call made this instance the holder (it was not before).</returns>
    public async Task<bool> RefreshAsync()
    {
        if (!redis.Enabled || redis.Connection is not { } connection) return false;
        try
        {
            var result = await TakeOrRenew.EvaluateAsync(connection.GetDatabase(),
                new { key = redis.Key($"lease:{name}"), me = _me, ttl = (long)TimeToLive.TotalMilliseconds });
            var held = (int)result == 1;
            var took = held && !_held;
            if (held != _held) logger.LogInformation("This instance {Change} the {Lease} lease.", held ? "took" : "lost", name);
            _held = held;
            return took;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
