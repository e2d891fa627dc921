namespace StreamPortal.Anomalies;

/// <summary>
/// The closed vocabulary of lifecycle anomalies (issue 16, docs/anomalies.md): the kinds the API, the page, the metric
/// and the detector speak, spelled once here.
/// </summary>
public static class AnomalyKind
{
    /// <summary>A PUBLISHING or PLAYING stream whose keep-alives stopped for longer than StaleStreamSeconds.</summary>
    public const string StaleStream = "staleStream";
    /// <summary>An ESTABLISHED session with no hook at all for longer than SilentSessionMinutes.</summary>
    public const string SilentSession = "silentSession";
    /// <summary>Hooks after their stream or session ended, or a non-terminal status after a terminal one.</summary>
    public const string LateHook = "lateHook";
    /// <summary>A PLAYING player whose stream's publisher ended.</summary>
    public const string OrphanPlayer = "orphanPlayer";
    /// <summary>A node with open streams that sent nothing for longer than SilentNodeSeconds.</summary>
    public const string SilentNode = "silentNode";
    /// <summary>A connect the portal refused, followed by more hooks of that session.</summary>
    public const string RefusedThenActive = "refusedThenActive";

    public static IReadOnlyList<string> All { get; } = [StaleStream, SilentSession, LateHook, OrphanPlayer, SilentNode, RefusedThenActive];

    /// <summary>The kind as spelled here, whatever the case it was given in; null when it is no kind.</summary>
    public static string? Parse(string? raw) =>
        raw is null ? null : All.FirstOrDefault(k => string.Equals(k, raw, StringComparison.OrdinalIgnoreCase));

    /// <summary>A few words for the page and the dashboard.</summary>
    public static string Describe(string kind) => kind switch
    {
        StaleStream => "Stale stream",
        SilentSession => "Silent session",
        LateHook => "Late hook",
        OrphanPlayer => "Orphan player",
        SilentNode => "Silent node",
        RefusedThenActive => "Refused, then active",
        _ => kind,
    };
}

/// <summary>What an anomaly's subject names: a stream (mediaSessionId), a session (sessionId) or a WCS node (nodeId).</summary>
public static class AnomalySubject
{
    public const string Stream = "stream";
    public const string Session = "session";
    public const string Node = "node";
}
