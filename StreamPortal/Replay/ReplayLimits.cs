namespace StreamPortal.Replay;

/// <summary>Bounds of one replay: an admin's click must not turn into an unbounded flood or an hour-long wait.</summary>
public static class ReplayLimits
{
    /// <summary>Events of one session or stream replay; more is refused (export a smaller range instead).</summary>
    public const int MaxEvents = 10_000;

    /// <summary>The longest wait between two hooks at the original pace: a stream idle for an hour replays in seconds.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(10);

    /// <summary>The largest edited body accepted (the hook endpoint's own default limit).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>How long another backend may take to answer one hook (WCS's own rest_request_timeout default).</summary>
    public static readonly TimeSpan RemoteTimeout = TimeSpan.FromSeconds(15);
}
