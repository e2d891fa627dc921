using System.Text.Json;
using StreamPortal.Wcs;

namespace StreamPortal.Data.Queries;

/// <summary>Filters of the events list; exact matches except Q (free text) and the time range.</summary>
public sealed record EventFilter
{
    public string? Method { get; init; }
    public HookKind? Kind { get; init; }
    public string? AppKey { get; init; }
    public string? Stream { get; init; }
    public string? SessionId { get; init; }
    public string? MediaSessionId { get; init; }
    public string? Status { get; init; }
    public int? AnswerStatus { get; init; }
    /// <summary>A group of answers (non-200, 4xx, 5xx, rejected); combines with <see cref="AnswerStatus"/> by AND.</summary>
    public AnswerClass? Answer { get; init; }
    /// <summary>Leaves out <see cref="KeepAlive"/> hooks, which otherwise outnumber everything else.</summary>
    public bool HideKeepAlives { get; init; }
    /// <summary>Keeps or leaves out hooks marked as re-sent copies (HookEvent.DuplicateOf), or keeps only them.</summary>
    public DuplicateChoice Duplicates { get; init; }
    /// <summary>Only hooks answered by this instance of a cluster (HookEvent.Instance).</summary>
    public string? Instance { get; init; }
    public long? RuleId { get; init; }
    public bool? Rejected { get; init; }
    public string? Q { get; init; }
    public long? FromMs { get; init; }
    public long? ToMs { get; init; }
    /// <summary>Only events with a larger id: how a live page asks for what is new.</summary>
    public long? AfterId { get; init; }
}

public sealed record EventItem(
    long Id, DateTimeOffset ReceivedAt, string App, string Method, HookKind Kind, string? AppKey, string? NodeId,
    string? SessionId, string? MediaSessionId, string? Name, string? Status, string? Info, bool? Published,
    int AnswerStatus, long? RuleId, string? RuleName, int DelayMs, double LatencyMs, bool Rejected, string? RejectReason)
{
    /// <summary>False when the recorded answer never reached the caller (see HookEvent.AnswerDelivered).</summary>
    public bool AnswerDelivered { get; init; } = true;
    /// <summary>The id of the event this one replays, or null (see HookEvent.ReplayOf).</summary>
    public long? ReplayOf { get; init; }
    /// <summary>The bundle and original id of an imported event, or null (see HookEvent.ImportedFrom).</summary>
    public string? ImportedFrom { get; init; }
    /// <summary>The id of the first copy when this hook is a re-sent copy of it, or null (see HookEvent.DuplicateOf).</summary>
    public long? DuplicateOf { get; init; }
    /// <summary>Why shadow caller authentication would have refused it, or null (see HookEvent.ShadowRefusal).</summary>
    public string? ShadowRefusal { get; init; }
    /// <summary>The instance that answered it, or null (see HookEvent.Instance).</summary>
    public string? Instance { get; init; }
    /// <summary>The session's <c>custom.login</c>: who the hook concerns (looked up per page, see <see cref="SessionLogins"/>).</summary>
    public string? Login { get; init; }
}

public sealed record EventDetail(
    long Id, DateTimeOffset ReceivedAt, string App, string Method, HookKind Kind, string? AppKey, string? NodeId,
    string? SessionId, string? MediaSessionId, string? Name, string? Status, string? Info, bool? Published,
    int AnswerStatus, long? RuleId, string? RuleName, int DelayMs, double LatencyMs, bool Rejected, string? RejectReason,
    JsonElement? Body, string? RawBody, string? BodyEncoding, IReadOnlyDictionary<string, string> Headers,
    JsonElement? AnswerBody, string? RemoteAddress)
{
    /// <summary>False when the recorded answer never reached the caller (see HookEvent.AnswerDelivered).</summary>
    public bool AnswerDelivered { get; init; } = true;
    /// <summary>The id of the event this one replays, or null (see HookEvent.ReplayOf).</summary>
    public long? ReplayOf { get; init; }
    /// <summary>The bundle and original id of an imported event, or null (see HookEvent.ImportedFrom).</summary>
    public string? ImportedFrom { get; init; }
    /// <summary>The id of the first copy when this hook is a re-sent copy of it, or null (see HookEvent.DuplicateOf).</summary>
    public long? DuplicateOf { get; init; }
    /// <summary>Why shadow caller authentication would have refused it, or null (see HookEvent.ShadowRefusal).</summary>
    public string? ShadowRefusal { get; init; }
    /// <summary>The instance that answered it, or null (see HookEvent.Instance).</summary>
    public string? Instance { get; init; }
}
