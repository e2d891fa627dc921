using StreamPortal.Data.Entities;
using StreamPortal.Wcs;

namespace StreamPortal.Live;

/// <summary>What the live feed and the hub carry for one stored hook: identity and answer, never the raw body.</summary>
public sealed record EventSummary(
    long Id,
    long ReceivedAtMs,
    string App,
    string Method,
    HookKind Kind,
    string? AppKey,
    string? SessionId,
    string? MediaSessionId,
    string? Name,
    string? Status,
    int AnswerStatus,
    long? RuleId,
    string? RuleName,
    double LatencyMs,
    bool Rejected,
    string? RejectReason,
    // Last and optional: the anomaly detector follows nodes through the feed (Anomalies/); older callers leave it out.
    string? NodeId = null,
    // A replayed or imported hook: no news from WCS, so the detector leaves it out.
    bool Resent = false)
{
    /// <summary>A rule's delay before the answer (ms): with <see cref="LatencyMs"/>, how long WCS waited.</summary>
    public int DelayMs { get; init; }
    /// <summary>The first copy's id when WCS re-sent this hook (see HookEvent.DuplicateOf).</summary>
    public long? DuplicateOf { get; init; }
    /// <summary>The instance that answered the hook (see HookEvent.Instance).</summary>
    public string? Instance { get; init; }

    public static EventSummary From(HookEvent e) => new(
        e.Id, e.ReceivedAtMs, e.App, e.Method, e.Kind, e.AppKey, e.SessionId, e.MediaSessionId, e.Name, e.Status,
        e.AnswerStatus, e.RuleId, e.RuleName, e.LatencyMs, e.Rejected, e.RejectReason, e.NodeId,
        e.ReplayOf is not null || e.ImportedFrom is not null) { DelayMs = e.DelayMs, DuplicateOf = e.DuplicateOf, Instance = e.Instance };
}

/// <summary>One committed batch: its events and the stream and session keys whose projections changed.</summary>
public sealed record CommittedBatch(
    IReadOnlyList<EventSummary> Events,
    IReadOnlyCollection<string> StreamIds,
    IReadOnlyCollection<string> SessionIds)
{
    /// <summary>
    /// Committed by another instance of the cluster and relayed here through Redis (Cluster/ClusterFeed); false for
    /// this instance's own batches. Consumers that must count only local work skip these.
    /// </summary>
    public bool Remote { get; init; }
}
