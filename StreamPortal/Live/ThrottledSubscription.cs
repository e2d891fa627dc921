namespace StreamPortal.Live;

/// <summary>
/// Coalesces feed batches for a UI subscriber: at most one callback per interval, carrying everything that
/// arrived since the last one, run on the thread pool (never on the writer's thread).
/// </summary>
public sealed class ThrottledSubscription : IDisposable
{
    private readonly Func<IReadOnlyList<CommittedBatch>, Task> _callback;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private List<CommittedBatch> _pending = [];
    private bool _scheduled;
    private bool _disposed;
    private long _lastRunTimestamp;

    public ThrottledSubscription(HookFeed feed, Func<IReadOnlyList<CommittedBatch>, Task> callback, TimeSpan? interval = null, TimeProvider? time = null)
    {
        _callback = callback;
        _interval = interval ?? TimeSpan.FromMilliseconds(250);
        _time = time ?? TimeProvider.System;
        _subscription = feed.Subscribe(OnBatch);
    }

    private void OnBatch(CommittedBatch batch)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _pending.Add(batch);
            if (_scheduled) return;
            _scheduled = true;
        }
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        var since = _time.GetElapsedTime(Volatile.Read(ref _lastRunTimestamp));
        if (since < _interval) await Task.Delay(_interval - since, _time);
        List<CommittedBatch> batches;
        lock (_gate)
        {
            batches = _pending;
            _pending = [];
            _scheduled = false;
            if (_disposed) return;
        }
        Volatile.Write(ref _lastRunTimestamp, _time.GetTimestamp());
        try { await _callback(batches); }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        _subscription.Dispose();
    }
}
