namespace StreamPortal.Ingest;

/// <summary>
/// When the PostgreSQL writer tries a batch the checked way (<see cref="CheckedRows{TRow}"/>). A failed check costs a
/// round trip more than the locked way would have, and it fails often where the load balancer spreads one session's
/// hooks over instances (the rows were last written by another). So after a failure the writer goes the locked way
/// for a number of batches that doubles with each failure in a row (up to <see cref="MaxSkip"/>) and is forgotten at
/// the first success: one instance alone tries every batch, a round-robin cluster about one in <see cref="MaxSkip"/>.
/// </summary>
internal sealed class CheckedWrites
{
    internal const int MaxSkip = 64;

    private int _skip;
    private int _penalty;
    private long _staleTaken;

    public long Written { get; private set; }
    public long Stale { get; private set; }

    public bool ShouldTry()
    {
        if (_skip == 0) return true;
        _skip--;
        return false;
    }

    public void Succeeded()
    {
        Written++;
        _penalty = 0;
    }

    /// <summary>Failed attempts since the last call (the metric's increment).</summary>
    public int TakeStale()
    {
        var stale = (int)(Stale - _staleTaken);
        _staleTaken = Stale;
        return stale;
    }

    public void Failed()
    {
        Stale++;
        _penalty = Math.Clamp(_penalty * 2, 1, MaxSkip);
        _skip = _penalty;
    }
}
