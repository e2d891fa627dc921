using System.Threading.Channels;
using StreamPortal.Live;

namespace StreamPortal.Cluster;

/// <summary>Where the publisher sends its messages: Redis in the portal (<see cref="RedisFeedSink"/>), a fake in tests.</summary>
public interface IClusterFeedSink
{
    bool IsConnected { get; }
    Task PublishAsync(byte[] message);
}

/// <summary>
/// Sends this instance's committed batches to the other instances, never holding up the writer: the writer's feed
/// hands a batch to <see cref="Offer"/>, which only tries to queue it (a bounded queue), and one loop off the writer's
/// thread sends what is queued, several batches to a message. When Redis is away or too slow to keep up, batches are
/// dropped and counted, never held without bound: the other instances' live views miss them (their pages still show
/// them on the next refresh, as the database has them), while hooks are answered and stored as always.
/// </summary>
public sealed class ClusterFeedPublisher(IClusterFeedSink sink, string origin, string instance, ILogger logger, int capacity = ClusterFeedPublisher.DefaultCapacity)
{
    /// <summary>Batches queued at most: seconds of a busy writer's output, a few MB of summaries.</summary>
    public const int DefaultCapacity = 1024;

    /// <summary>Events per message at most, so that one message stays well under <see cref="ClusterFeedMessage.MaxBytes"/>.</summary>
    public const int MaxEventsPerMessage = 2000;

    private readonly Channel<CommittedBatch> _queue = Channel.CreateBounded<CommittedBatch>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        // TryWrite fails when full: the writer's thread never waits.
        FullMode = BoundedChannelFullMode.Wait,
    });
    private long _dropped, _published;
    private bool _dropping;

    /// <summary>Batches not sent: the queue was full, Redis was away, or a send failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Batches sent.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Queues a local batch for the other instances (remote and empty ones are not sent); never blocks.</summary>
    public void Offer(CommittedBatch batch)
    {
        if (batch.Remote || (batch.Events.Count == 0 && batch.StreamIds.Count == 0 && batch.SessionIds.Count == 0)) return;
        if (!_queue.Writer.TryWrite(batch)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Sends until <paramref name="ct"/> is cancelled (then throws <see cref="OperationCanceledException"/>).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var reader = _queue.Reader;
        var batches = new List<CommittedBatch>();
        while (await reader.WaitToReadAsync(ct))
        {
            batches.Clear();
            var events = 0;
            while (events < MaxEventsPerMessage && reader.TryRead(out var batch))
            {
                batches.Add(batch);
                events += batch.Events.Count;
            }
            if (!sink.IsConnected)
            {
                Drop(batches.Count, null);
                continue;
            }
            try
            {
                await sink.PublishAsync(Merge(batches).ToUtf8());
                Interlocked.Add(ref _published, batches.Count);
                if (_dropping)
                {
                    _dropping = false;
                    logger.LogInformation("The live feed reaches the other instances again ({Dropped} batches dropped so far).", Dropped);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Drop(batches.Count, ex);
            }
        }
    }

    private ClusterFeedMessage Merge(List<CommittedBatch> batches)
    {
        if (batches is [var one]) return new ClusterFeedMessage(origin, instance, one.Events, one.StreamIds, one.SessionIds);
        var streams = new HashSet<string>(StringComparer.Ordinal);
        var sessions = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<EventSummary>();
        foreach (var b in batches)
        {
            events.AddRange(b.Events);
            streams.UnionWith(b.StreamIds);
            sessions.UnionWith(b.SessionIds);
        }
        return new ClusterFeedMessage(origin, instance, events, streams, sessions);
    }

    private void Drop(int count, Exception? ex)
    {
        Interlocked.Add(ref _dropped, count);
        // Once per outage, not once per batch.
        if (_dropping) return;
        _dropping = true;
        logger.LogWarning(ex, "Redis is unreachable or failed: committed batches are not sent to the other instances' live views until it is back (hooks are stored as always).");
    }
}

/// <summary>The cluster's feed channel on this instance's Redis connection.</summary>
public sealed class RedisFeedSink(ClusterRedis redis) : IClusterFeedSink
{
    public bool IsConnected => redis.IsConnected;

    public Task PublishAsync(byte[] message) => redis.Connection!.GetSubscriber().PublishAsync(redis.Channel(ClusterFeed.ChannelName), message);
}
