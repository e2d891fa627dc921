namespace StreamPortal.Anomalies;

/// <summary>
/// StreamPortal:Anomalies: the thresholds of the time-based anomalies. These are the defaults; the Settings page can
/// override them at run time (<see cref="AnomalySettings"/>).
/// </summary>
public sealed class AnomalyOptions
{
    public const string Section = "StreamPortal:Anomalies";

    /// <summary>A live stream that had keep-alives and then nothing for this long is stale.</summary>
    public int StaleStreamSeconds { get; set; } = 120;

    /// <summary>An ESTABLISHED session with no hook for this long is silent (12 hours by default).</summary>
    public int SilentSessionMinutes { get; set; } = 720;

    /// <summary>A node with open streams and no hook for this long is silent.</summary>
    public int SilentNodeSeconds { get; set; } = 120;
}

/// <summary>The limits of each threshold, shared by the start-up validation and the Settings page.</summary>
public static class AnomalyLimits
{
    // Below 10 s a normal keep-alive gap (WCS sends them every few seconds) would already count.
    public const int MinSeconds = 10;
    public const int MaxSeconds = 86_400;
    public const int MinMinutes = 1;
    public const int MaxMinutes = 10_080;
}
