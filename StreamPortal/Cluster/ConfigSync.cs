using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamPortal.Cluster;

/// <summary>
/// Keeps this instance's configuration snapshots in step with the other instances': listens on the "config" channel
/// and reloads what a message names, one message at a time (ordered, and never on the Redis client's own thread).
/// Without clustering it does nothing at all.
/// </summary>
public sealed class ConfigSync(
    ClusterRedis redis,
    ConfigChangeNotifier notifier,
    ConfigReloader reloader,
    IOptions<ClusterOptions> options,
    ILogger<ConfigSync> logger) : BackgroundService
{
    /// <summary>Null: reload everything.</summary>
    private readonly Channel<ConfigChange?> _work = Channel.CreateBounded<ConfigChange?>(
        new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!redis.Enabled) return;
        // Off the start path: the first use of the connection may wait for Redis's connect timeout (Redis away).
        await Task.Yield();
        if (redis.Connection is not { } connection) return;
        // Pub/sub keeps nothing for a subscriber that was away: whatever was published while this instance's link was
        // down is lost, so everything is read again once it is back (either of the client's two connections).
        connection.ConnectionRestored += (_, _) => _work.Writer.TryWrite(null);
        await SubscribeAsync(connection, stoppingToken);
        using var periodic = PeriodicReload(stoppingToken);
        await foreach (var change in _work.Reader.ReadAllAsync(stoppingToken))
        {
            logger.LogDebug("Applying {Change}.", change?.ToString() ?? "reload of everything");
            try
            {
                if (change is null) await reloader.ReloadAllAsync(stoppingToken);
                else await reloader.ApplyAsync(change, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away too; the next message or the periodic reload tries again.
                logger.LogWarning(ex, "Could not reload the configuration ({Topic}) after a change on another instance.", change?.Topic.ToString() ?? "everything");
            }
        }
    }

    private async Task SubscribeAsync(ConnectionMultiplexer connection, CancellationToken ct)
    {
        // Once registered, the client restores the subscription after every reconnect by itself; only the first
        // registration has to wait for Redis (an instance may start while Redis is away).
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await connection.GetSubscriber().SubscribeAsync(redis.Channel(ConfigChangeNotifier.ChannelName), (_, message) => Received(message));
                return;
            }
            catch (RedisException ex)
            {
                logger.LogDebug(ex, "Redis not reachable yet for the config channel; retrying.");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private void Received(RedisValue message)
    {
        if (!ConfigChange.TryParse(message, out var change, out var origin))
        {
            logger.LogWarning("Ignored a config message that is not one of this build's topics.");
            return;
        }
        logger.LogDebug("Received {Change} from {Origin} (this instance: {Self}).", change, origin, notifier.Origin);
        if (origin != notifier.Origin) _work.Writer.TryWrite(change);
    }

    /// <summary>
    /// A safety net under the messages, not the way changes travel: a publish from an instance whose own Redis link
    /// was down at that moment (while the others stayed connected, so none of them reconnects and reloads) is lost,
    /// and this bounds how long such a change can go unseen. A few small queries per period, off the hook path.
    /// </summary>
    private Timer? PeriodicReload(CancellationToken ct)
    {
        var seconds = options.Value.ConfigReloadSeconds;
        if (seconds <= 0) return null;
        var period = TimeSpan.FromSeconds(seconds);
        return new Timer(_ => { if (!ct.IsCancellationRequested) _work.Writer.TryWrite(null); }, null, period, period);
    }
}
