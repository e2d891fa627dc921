using StackExchange.Redis;
using StreamPortal.Live;

namespace StreamPortal.Cluster;

/// <summary>
/// Joins this instance's live feed (<see cref="HookFeed"/>) to the other instances' through Redis pub/sub: local
/// batches go out through a <see cref="ClusterFeedPublisher"/>, and the batches other instances commit come in and are
/// published into the local feed marked <see cref="CommittedBatch.Remote"/>, so the console pages, the dashboard's
/// trackers and the anomaly detector see every hook of the cluster (each decides about remote batches itself; see
/// docs/cluster.md). Nothing runs when clustering is off. Redis away costs only the cross-instance live view: the
/// subscription is re-established by StackExchange.Redis when the connection comes back.
/// </summary>
public sealed class ClusterFeed(ClusterRedis redis, HookFeed feed, ILogger<ClusterFeed> logger) : BackgroundService
{
    public const string ChannelName = "feed";
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private long _received, _unreadable;

    /// <summary>This process's id in the messages it sends (see <see cref="ClusterFeedMessage.Origin"/>).</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The sending half, once started (null when clustering is off).</summary>
    public ClusterFeedPublisher? Publisher { get; private set; }

    /// <summary>Messages from other instances published into the local feed.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages on the channel that were no feed message (or too large), dropped.</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>Whether the subscription to the other instances' batches is in place (it survives reconnects).</summary>
    public bool Subscribed { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!redis.Enabled) return;
        // Off the start path: the first use of the connection may wait for Redis's connect timeout.
        await Task.Yield();
        var publisher = Publisher = new ClusterFeedPublisher(new RedisFeedSink(redis), Origin, redis.Instance, logger);
        using var local = feed.Subscribe(publisher.Offer);
        var publishing = publisher.RunAsync(stoppingToken);
        ChannelMessageQueue? queue = null;
        try
        {
            queue = await SubscribeAsync(stoppingToken);
            await publishing;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (queue is not null)
            {
                try { await queue.UnsubscribeAsync(CommandFlags.FireAndForget); }
                catch (RedisException) { }
            }
        }
    }

    /// <summary>
    /// Subscribes once Redis answers (an instance may start while Redis is away); after that, StackExchange.Redis
    /// subscribes again by itself on every reconnect.
    /// </summary>
    private async Task<ChannelMessageQueue> SubscribeAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var queue = await redis.Connection!.GetSubscriber().SubscribeAsync(redis.Channel(ChannelName));
                // One message at a time, in the order sent: a page must not see a batch before the one committed before it.
                queue.OnMessage(OnMessage);
                Subscribed = true;
                return queue;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Subscribing to the cluster's live feed failed; retrying.");
                await Task.Delay(RetryEvery, ct);
            }
        }
    }

    internal void OnMessage(ChannelMessage message)
    {
        byte[]? bytes = message.Message;
        if (bytes is null || ClusterFeedMessage.FromUtf8(bytes) is not { } received)
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }
        if (received.Origin == Origin) return;
        Interlocked.Increment(ref _received);
        feed.Publish(received.ToBatch());
    }
}
