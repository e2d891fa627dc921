namespace StreamPortal.Ingest;

/// <summary>What the batch writer last did, for readiness (/readyz): written by the writer, read by health checks.</summary>
public sealed class WriterStatus(TimeProvider time)
{
    private long _lastCommitMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    private long _lastProgressMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    private volatile bool _running;
    private volatile bool _lastBatchFailed;
    private long _lastFailureMs;
    private volatile int _writing;

    /// <summary>False before the writer has its connection and after it gave up on the database.</summary>
    public bool Running => _running;

    /// <summary>
    /// How long a failed batch keeps the instance unready. Behind a load balancer an unready instance gets no hooks, so
    /// no later batch can clear the flag: after this the database probe alone decides, and the instance comes back
    /// by itself when its database does.
    /// </summary>
    public static readonly TimeSpan FailureCountsFor = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The last batch, within <see cref="FailureCountsFor"/>, could not be written for a reason outside it (a lock held
    /// elsewhere, the server gone). A culprit hook the database refuses does not count: one bad hook must not take the
    /// portal out of a load balancer.
    /// </summary>
    public bool LastBatchFailed =>
        _lastBatchFailed && time.GetUtcNow().ToUnixTimeMilliseconds() - Interlocked.Read(ref _lastFailureMs) < FailureCountsFor.TotalMilliseconds;

    /// <summary>Hooks in the batch being written now (0 between batches): taken from the queue, not yet answered.</summary>
    public int Writing => _writing;

    public TimeSpan SinceLastCommit => TimeSpan.FromMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds() - Interlocked.Read(ref _lastCommitMs));

    /// <summary>
    /// Time since the writer last committed or took a batch. After an idle spell the last commit is old while the
    /// writer is merely busy with its first batch (cold, a new connection): measuring from the commit made every
    /// instance of a cluster unready at the first hooks after a quiet minute, and the balancer had no server left.
    /// </summary>
    public TimeSpan SinceLastProgress => TimeSpan.FromMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds() - Interlocked.Read(ref _lastProgressMs));

    internal void Started() => (_running, _lastBatchFailed) = (true, false);
    internal void Stopped() => _running = false;
    internal void BatchFailed()
    {
        Interlocked.Exchange(ref _lastFailureMs, time.GetUtcNow().ToUnixTimeMilliseconds());
        _lastBatchFailed = true;
    }
    internal void Writes(int hooks)
    {
        if (hooks > 0) Interlocked.Exchange(ref _lastProgressMs, time.GetUtcNow().ToUnixTimeMilliseconds());
        _writing = hooks;
    }

    internal void Committed()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Interlocked.Exchange(ref _lastCommitMs, now);
        Interlocked.Exchange(ref _lastProgressMs, now);
        _lastBatchFailed = false;
    }
}
