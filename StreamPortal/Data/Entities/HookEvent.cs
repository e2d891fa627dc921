using StreamPortal.Wcs;
namespace StreamPortal.Data.Entities;

/// <summary>One hook as it arrived and as it was answered; rejected attempts are kept here too.</summary>
public sealed class HookEvent
{
    public long Id { get; set; }
    /// <summary>Unix milliseconds (UTC); SQLite cannot order DateTimeOffset.</summary>
    public long ReceivedAtMs { get; set; }
    public string App { get; set; } = "";
    public string Method { get; set; } = "";
    public HookKind Kind { get; set; }
    public string? NodeId { get; set; }
    public string? AppKey { get; set; }
    public string? SessionId { get; set; }
    public string? MediaSessionId { get; set; }
    public string? Name { get; set; }
    /// <summary>
    /// The <see cref="EventKey"/> of <see cref="SessionId"/>: the filters go through these, not the strings. A key
    /// is handed out when its string is first seen, so the hooks of the sessions and streams active now all go to
    /// the last pages of each key index, where a batch shares them; string indexes put every hook of a busy server
    /// on a different random page, written to the WAL and again by the checkpoint.
    /// </summary>
    public long? SessionKey { get; set; }
    public long? MediaSessionKey { get; set; }
    public long? NameKey { get; set; }
    public string? Status { get; set; }
    public string? Info { get; set; }
    public bool? Published { get; set; }
    public string? Body { get; set; }
    /// <summary>"base64" when the raw body was not valid UTF-8.</summary>
    public string? BodyEncoding { get; set; }
    public string? Headers { get; set; }
    public string? RemoteAddress { get; set; }
    public int AnswerStatus { get; set; }
    /// <summary>Only when the answer was not a plain mirror of the body.</summary>
    public string? AnswerBody { get; set; }
    public long? RuleId { get; set; }
    public string? RuleName { get; set; }
    public int DelayMs { get; set; }
    public double LatencyMs { get; set; }
    public bool Rejected { get; set; }
    public string? RejectReason { get; set; }
    /// <summary>
    /// False when the recorded answer never reached the caller (it closed the connection while the portal waited for
    /// the commit or a rule's delay, or its body broke off); null when nothing went wrong that the portal could see.
    /// Written after the event, by the writer, when the loss is noticed.
    /// </summary>
    public bool? AnswerDelivered { get; set; }
    /// <summary>
    /// The id of the event this one replays (POST /api/.../replay), or null for a hook that arrived from WCS. Set only
    /// by the portal's replay client, which stores its events itself: no request header can claim it.
    /// </summary>
    public long? ReplayOf { get; set; }
    /// <summary>
    /// Where an imported event came from ("&lt;bundle id&gt;#&lt;original event id&gt;", see Export/BundleImporter), or null for
    /// an event this portal received itself.
    /// </summary>
    public string? ImportedFrom { get; set; }
    /// <summary>
    /// The id of the first copy when this hook is a re-sent copy of it (same method, same body, within
    /// StreamPortal:Hooks:DuplicateWindowSeconds; see Ingest/DuplicateTracker), else null. Set by the writer.
    /// A duplicate is stored and answered as usual but leaves the stream and session projections alone.
    /// </summary>
    public long? DuplicateOf { get; set; }
    /// <summary>
    /// Why caller authentication would have refused this hook when its caller entry is in Shadow mode (the hook was
    /// served as if the check were off), else null.
    /// </summary>
    public string? ShadowRefusal { get; set; }
    /// <summary>
    /// The instance that answered and stored this hook (StreamPortal:Cluster:InstanceName, else the host name; see
    /// Cluster/ClusterOptions). Set by the writer; null for events stored before instances were recorded and for
    /// imported events (another portal answered them).
    /// </summary>
    public string? Instance { get; set; }
}
