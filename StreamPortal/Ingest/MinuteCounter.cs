namespace StreamPortal.Ingest;

/// <summary>
/// Counts occurrences per minute over the last hour, in memory: a figure the dashboard can read (a meter's counter
/// cannot be read back) without a query.
/// </summary>
public sealed class MinuteCounter(TimeProvider time)
{
    public const int Minutes = 60;

    private readonly Lock _gate = new();
    private readonly long[] _minute = new long[Minutes];
    private readonly int[] _count = new int[Minutes];

    public void Add(int count = 1)
    {
        var now = CurrentMinute();
        var slot = (int)(now % Minutes);
        lock (_gate)
        {
            if (_minute[slot] != now) (_minute[slot], _count[slot]) = (now, 0);
            _count[slot] += count;
        }
    }

    public int LastHour()
    {
        var now = CurrentMinute();
        var total = 0;
        lock (_gate)
            for (var i = 0; i < Minutes; i++)
                if (now - _minute[i] < Minutes) total += _count[i];
        return total;
    }

    private long CurrentMinute() => time.GetUtcNow().ToUnixTimeMilliseconds() / 60_000;
}
