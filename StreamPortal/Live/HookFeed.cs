namespace StreamPortal.Live;

/// <summary>
/// In-process feed of committed batches. Subscribers are called off the writer's thread and must be quick;
/// UI subscribers go through <see cref="ThrottledSubscription"/>.
/// </summary>
public sealed class HookFeed(ILogger<HookFeed> logger)
{
    private readonly Lock _gate = new();
    private Action<CommittedBatch>[] _subscribers = [];

    /// <summary>Current subscribers (read without the lock: the array is replaced, never changed).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public IDisposable Subscribe(Action<CommittedBatch> onBatch)
    {
        lock (_gate) _subscribers = [.. _subscribers, onBatch];
        return new Unsubscriber(this, onBatch);
    }

    public void Publish(CommittedBatch batch)
    {
        // Copy-on-write array: publishing never takes the lock.
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try { subscriber(batch); }
            catch (Exception ex) { logger.LogWarning(ex, "A live feed subscriber failed."); }
        }
    }

    private void Remove(Action<CommittedBatch> onBatch)
    {
        lock (_gate) _subscribers = _subscribers.Where(s => s != onBatch).ToArray();
    }

    private sealed class Unsubscriber(HookFeed feed, Action<CommittedBatch> onBatch) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) feed.Remove(onBatch);
        }
    }
}
