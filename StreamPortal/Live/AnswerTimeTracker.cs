using StreamPortal.Metrics;

namespace StreamPortal.Live;

/// <summary>Answer-time percentiles of one method over the last hour (ms), and how many hooks they cover.</summary>
public sealed record AnswerTimePercentiles(string Method, long Count, double P50, double P95, double P99);

/// <summary>
/// Answer time per method over the last hour, in memory from the live feed (no query): for each stored hook, its
/// processing time (arrival to commit, LatencyMs) plus the rule's delay (DelayMs), i.e. about how long WCS waited for
/// the answer. Rejected hooks are left out (they are answered at once). Kept as per-minute histograms with buckets
/// about 10% wide, so a percentile is exact to within a bucket and memory stays fixed (methods beyond the WCS
/// catalogue count as "other"). Since the start of the portal: nothing is read back from the database.
/// </summary>
public sealed class AnswerTimeTracker : IDisposable
{
    public const int Minutes = 60;
    private const double Growth = 1.1;
    private const double Smallest = 0.01;
    /// <summary>0.01 ms to beyond 10 minutes.</summary>
    private const int Buckets = 200;

    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private readonly Dictionary<(long Minute, string Method), long[]> _histograms = [];

    public AnswerTimeTracker(HookFeed feed, TimeProvider time)
    {
        _time = time;
        _subscription = feed.Subscribe(OnBatch);
    }

    private void OnBatch(CommittedBatch batch)
    {
        lock (_gate)
            foreach (var e in batch.Events)
                if (!e.Rejected) Record(e.ReceivedAtMs / 60_000, PortalMetrics.MethodTag(e.Method), e.LatencyMs + e.DelayMs);
    }

    internal void Record(long minute, string method, double ms)
    {
        if (!_histograms.TryGetValue((minute, method), out var h))
        {
            // A new minute is where the oldest goes: without this, a portal whose dashboard nobody opens (the only
            // other place that prunes) would keep a histogram per method for every minute since start.
            Prune(minute - Minutes + 1);
            _histograms[(minute, method)] = h = new long[Buckets];
        }
        h[Bucket(ms)]++;
    }

    /// <summary>The (minute, method) histograms held now.</summary>
    internal int HistogramCount
    {
        get { lock (_gate) return _histograms.Count; }
    }

    /// <summary>Forgets the minutes before <paramref name="first"/>; callers hold the gate.</summary>
    private void Prune(long first)
    {
        foreach (var key in _histograms.Keys.Where(k => k.Minute < first).ToList()) _histograms.Remove(key);
    }

    private static int Bucket(double ms) => ms <= Smallest ? 0 : Math.Min(Buckets - 1, (int)Math.Ceiling(Math.Log(ms / Smallest, Growth)));

    /// <summary>The upper bound of a bucket: a percentile is reported as at most this.</summary>
    private static double Upper(int bucket) => Smallest * Math.Pow(Growth, bucket);

    public IReadOnlyList<AnswerTimePercentiles> LastHour()
    {
        var first = _time.GetUtcNow().ToUnixTimeMilliseconds() / 60_000 - Minutes + 1;
        var sums = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        lock (_gate)
        {
            Prune(first);
            foreach (var ((_, method), h) in _histograms)
            {
                if (!sums.TryGetValue(method, out var sum)) sums[method] = sum = new long[Buckets];
                for (var i = 0; i < Buckets; i++) sum[i] += h[i];
            }
        }
        return sums.Select(s => Percentiles(s.Key, s.Value)).Where(p => p.Count > 0).ToList();
    }

    private static AnswerTimePercentiles Percentiles(string method, long[] h)
    {
        var count = h.Sum();
        double At(double q)
        {
            var rank = (long)Math.Ceiling(q * count);
            long seen = 0;
            for (var i = 0; i < h.Length; i++)
                if ((seen += h[i]) >= rank) return Math.Round(Upper(i), 2);
            return Upper(h.Length - 1);
        }
        return new AnswerTimePercentiles(method, count, At(0.50), At(0.95), At(0.99));
    }

    public void Dispose() => _subscription.Dispose();
}
