using StreamPortal.Wcs;

namespace StreamPortal.Simulator;

/// <summary>
/// The live counters of one run: read for progress while it runs (any thread), and for its summary at the end.
/// A lock rather than concurrent maps: a run sends at most a few thousand hooks a second.
/// </summary>
public sealed class SimulationTally
{
    /// <summary>The answer key of a hook that got no HTTP answer (refused connection, timeout).</summary>
    public const string NoAnswer = "none";

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, int> _methods = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _sessions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _streams = new(StringComparer.Ordinal);
    private int _errorEvents;
    private int _sent;
    private int _planned;

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Hooks the plan holds if every answer is 200; refusals make the run shorter.</summary>
    public int Planned => Volatile.Read(ref _planned);

    /// <summary>0 to 1; 1 once the run is over, whatever it skipped.</summary>
    public double Progress => Planned == 0 ? 0 : Math.Min(1, (double)Sent / Planned);

    internal void Plan(int hooks) => Volatile.Write(ref _planned, hooks);

    /// <summary>At the end the plan is what was sent: a run cut short by refusals is still complete.</summary>
    internal void Finish() => Volatile.Write(ref _planned, Math.Max(1, Sent));

    internal void Hook(string method, int status)
    {
        lock (_lock)
        {
            Add(_methods, method);
            Add(_answers, status == 0 ? NoAnswer : status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _sent++;
        }
    }

    internal void Session(string outcome)
    {
        lock (_lock) Add(_sessions, outcome);
    }

    internal void Stream(string finalStatus)
    {
        lock (_lock) Add(_streams, finalStatus);
    }

    internal void ErrorEvent() => Interlocked.Increment(ref _errorEvents);

    public SimulationSummary Summary()
    {
        lock (_lock)
        {
            return new SimulationSummary(Planned, _sent, Copy(_methods), Copy(_answers), Copy(_sessions), Copy(_streams),
                Volatile.Read(ref _errorEvents));
        }
    }

    /// <summary>The WCS status a stream ends with when its client stops it or its session ends.</summary>
    internal static string Ended(PlannedStream stream) => stream.Published ? StreamStatus.Unpublished : StreamStatus.Stopped;

    private static void Add(SortedDictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static SortedDictionary<string, int> Copy(SortedDictionary<string, int> counts) => new(counts, StringComparer.Ordinal);
}
