using System.Diagnostics;

namespace Bench.LoadGen;

/// <summary>One worker's counts and latency samples (no sharing, so no locks on the hot path).</summary>
internal sealed class Stats
{
    public long Answered;
    public long Ok;
    public long NonOk;
    public long Errors;
    public long TaggedAnswered;
    public long InWindow;
    public readonly List<long> LatencyTicks = new(1 << 16);
    public readonly List<long> LagTicks = new(1 << 12);
    /// <summary>(due, latency) per measured request, kept only for --timeline.</summary>
    public readonly List<(long Due, long Latency)> Timeline = [];
    public readonly Dictionary<int, long> ByStatus = [];

    public void Record(int status, bool tagged)
    {
        Answered++;
        if (status == 200) Ok++; else NonOk++;
        ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;
        if (tagged) TaggedAnswered++;
    }

    public static Stats Merge(IEnumerable<Stats> all)
    {
        var total = new Stats();
        foreach (var s in all)
        {
            total.Answered += s.Answered;
            total.Ok += s.Ok;
            total.NonOk += s.NonOk;
            total.Errors += s.Errors;
            total.TaggedAnswered += s.TaggedAnswered;
            total.InWindow += s.InWindow;
            total.LatencyTicks.AddRange(s.LatencyTicks);
            total.LagTicks.AddRange(s.LagTicks);
            foreach (var (k, v) in s.ByStatus) total.ByStatus[k] = total.ByStatus.GetValueOrDefault(k) + v;
        }
        return total;
    }
}

/// <summary>Exact percentiles from all samples, sorted (nearest-rank), in milliseconds.</summary>
internal static class Percentiles
{
    public static double Ms(List<long> sortedTicks, double p)
    {
        if (sortedTicks.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sortedTicks.Count) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
