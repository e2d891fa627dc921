namespace StreamPortal.Search;

/// <summary>
/// How far the index is behind ingest, as the indexer last saw it: shown with search results (API and Events page)
/// and measured by the benchmark.
/// </summary>
public sealed class SearchStatus
{
    private long _indexedUpTo;
    private long _lagMs;
    private long _maxLagMs;

    /// <summary>Every event up to this id is in the index; newer ones are searched by a scan of that tail.</summary>
    public long IndexedUpTo => Interlocked.Read(ref _indexedUpTo);

    /// <summary>Age of the oldest event not yet indexed when the last pass ended (0 when none was left).</summary>
    public long LagMs => Interlocked.Read(ref _lagMs);

    /// <summary>The longest an event waited to be indexed since the start (receive → index commit).</summary>
    public long MaxLagMs => Interlocked.Read(ref _maxLagMs);

    internal void Start(long indexedUpTo) => Interlocked.Exchange(ref _indexedUpTo, indexedUpTo);

    internal void Indexed(long indexedUpTo, long waitedMs)
    {
        Interlocked.Exchange(ref _indexedUpTo, indexedUpTo);
        long max;
        while (waitedMs > (max = Interlocked.Read(ref _maxLagMs)) && Interlocked.CompareExchange(ref _maxLagMs, waitedMs, max) != max) { }
    }

    internal void Behind(long lagMs) => Interlocked.Exchange(ref _lagMs, Math.Max(0, lagMs));
}
