namespace StreamPortal.Live;

/// <summary>
/// When background work that no hook needs at once (the dashboard's rates, the anomaly book, a first prune) may
/// begin: once the server listens and has committed its first hooks, or <see cref="SettleTime"/> after it listens
/// when none come. Begun beside the host, that work took the 2 cores from the start and from the first hooks' first
/// run (the JIT): start to first answered hook on a database of 411,000 events was ~200 ms longer (bench/RESULTS.md,
/// "Twelfth session"). The search indexer, on a thread the OS schedules after the hook path's, waits only for
/// <see cref="ListeningAsync"/>: a search right after the first hook is then answered from the index. SQLite's
/// maintenance does not wait at all: its first ANALYZE must see the tables as they are at start.
/// </summary>
public sealed class BackgroundStart
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstHooks = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;

    public BackgroundStart(HookFeed feed, IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStarted.Register(() => _listening.TrySetResult());
        _subscription = feed.Subscribe(_ =>
        {
            if (_firstHooks.TrySetResult()) Interlocked.Exchange(ref _subscription, null)?.Dispose();
        });
    }

    /// <summary>Until the server listens.</summary>
    /// <returns>false when <paramref name="stoppingToken"/> fired first (the host stops before it started).</returns>
    public async Task<bool> ListeningAsync(CancellationToken stoppingToken)
    {
        try { await _listening.Task.WaitAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
        return true;
    }

    /// <summary>Until the server listens and has committed its first hooks, or <see cref="SettleTime"/> after it listens.</summary>
    /// <returns>false when <paramref name="stoppingToken"/> fired first (the host stops before it started).</returns>
    public async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        if (!await ListeningAsync(stoppingToken)) return false;
        // Real time, not the app's TimeProvider: a test's fake clock must not hold the background work back.
        try { await _firstHooks.Task.WaitAsync(SettleTime, stoppingToken); }
        catch (TimeoutException) { }
        catch (OperationCanceledException) { return false; }
        return true;
    }
}
