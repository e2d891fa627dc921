namespace StreamPortal.Data.Entities;

/// <summary>
/// One lifecycle anomaly (Anomalies/): open while <see cref="ResolvedAtMs"/> is null, kept after it resolves so that the
/// history survives restarts. Written only by the anomaly detector, never on the hook path.
/// </summary>
public sealed class Anomaly
{
    public long Id { get; set; }
    /// <summary>One of <c>AnomalyKind.All</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>What <see cref="Subject"/> names: one of <c>AnomalySubject</c>'s words.</summary>
    public string SubjectType { get; set; } = "";
    /// <summary>The mediaSessionId, sessionId or nodeId concerned.</summary>
    public string Subject { get; set; } = "";
    /// <summary>Unix milliseconds (UTC), like every stored time.</summary>
    public long DetectedAtMs { get; set; }
    public long? ResolvedAtMs { get; set; }
    /// <summary>When the latest proof was seen: late and refused-then-active anomalies resolve once it is old.</summary>
    public long LastEvidenceMs { get; set; }
    /// <summary>Plain words: what was found, and once resolved, what healed it.</summary>
    public string Detail { get; set; } = "";
    /// <summary>Ids of the hooks that prove it, comma-separated, at most <c>AnomalyRecord.MaxEventIds</c>.</summary>
    public string EventIds { get; set; } = "";
}
