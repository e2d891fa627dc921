using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Anomalies;

/// <summary>
/// The anomalies seen in the order of hooks, from the committed-batch feed (never on the hook path): late hooks,
/// refused-then-active sessions, and the healing of stale streams, silent sessions and silent nodes when their
/// subject speaks again. Remembers, bounded, which streams and sessions ended, which connects were refused, and when
/// each node last spoke. What WCS does normally (docs/wcs-hooks.md) is no anomaly:
/// <list type="bullet">
/// <item>FAILED then DISCONNECTED after a refused connect, and a session's DISCONNECTED after its FAILED;</item>
/// <item>a terminal stream status after another terminal one or after the session ended (WCS closing what the
/// session left open, or a retried hook);</item>
/// <item>unPublishStream/stopStream after the stream ended (the client's request and WCS's status travel on different
/// connections and may cross).</item>
/// </list>
/// </summary>
public sealed class HookFlowRules
{
    /// <summary>Ended streams, ended sessions and refused connects remembered (each); older ones are forgotten.</summary>
    public const int Memory = 100_000;

    /// <summary>Nodes remembered; WCS deployments have a handful, a hostile caller could invent many.</summary>
    public const int MaxNodes = 10_000;

    private readonly BoundedMap<(long Id, string? Status)> _endedStreams = new(Memory);
    private readonly BoundedMap<(long Id, string? Status)> _endedSessions = new(Memory);
    private readonly BoundedMap<(long Id, int Answer)> _refused = new(Memory);
    private readonly Dictionary<string, (long Ms, long Id)> _nodes = new(StringComparer.Ordinal);

    /// <summary>When a node's last hook arrived, and its id, if seen since start.</summary>
    public (long Ms, long Id)? NodeLastHook(string nodeId) => _nodes.TryGetValue(nodeId, out var last) ? last : null;

    /// <summary>Seeds a refused connect found in the database at start (its session's status is REFUSED).</summary>
    public void RememberRefused(string sessionId, long connectEventId, int answer) => _refused.TryAdd(sessionId, (connectEventId, answer));

    public void Apply(EventSummary e, AnomalyBook book, long nowMs)
    {
        if (e.Rejected || e.Resent) return;
        var sid = e.SessionId;
        var msid = e.MediaSessionId;
        if (e.NodeId is { } node)
        {
            if (_nodes.ContainsKey(node) || _nodes.Count < MaxNodes) _nodes[node] = (e.ReceivedAtMs, e.Id);
            book.Resolve(AnomalyKind.SilentNode, node, nowMs, e, static e => $"the node sent hook #{e.Id} ({e.Method}).");
        }
        if (msid is not null) book.Resolve(AnomalyKind.StaleStream, msid, nowMs, e, static e => $"hook #{e.Id} ({e.Method}) arrived for the stream.");
        if (sid is not null) book.Resolve(AnomalyKind.SilentSession, sid, nowMs, e, static e => $"hook #{e.Id} ({e.Method}) arrived from the session.");

        if (e.Method == WcsMethod.Connect)
        {
            if (sid is not null && e.AnswerStatus != 200) _refused.TryAdd(sid, (e.Id, e.AnswerStatus));
            return;
        }
        if (sid is not null && _refused.TryGet(sid, out var refused) && refused.Id < e.Id)
        {
            if (IsConnectionEnd(e))
                book.Resolve(AnomalyKind.RefusedThenActive, sid, nowMs, $"WCS ended the session ({e.Status}, hook #{e.Id}).");
            else
                book.Report(AnomalyKind.RefusedThenActive, AnomalySubject.Session, sid, nowMs, e.ReceivedAtMs,
                    $"The portal refused this session's connect (answer {refused.Answer}, hook #{refused.Id}), yet {What(e)} followed " +
                    $"(hook #{e.Id}): the client went on anyway.", refused.Id, e.Id);
            return;
        }

        if (msid is not null && _endedStreams.TryGet(msid, out var streamEnd) && streamEnd.Id < e.Id)
        {
            if (!StreamStatus.IsTerminal(e.Status) && !IsStopRequest(e.Method))
                book.Report(AnomalyKind.LateHook, AnomalySubject.Stream, msid, nowMs, e.ReceivedAtMs,
                    e.Method == WcsMethod.StreamStatusEvent
                        ? $"Non-terminal status {e.Status} (hook #{e.Id}) arrived after the terminal {streamEnd.Status} (hook #{streamEnd.Id})."
                        : $"{What(e)} (hook #{e.Id}) arrived after the stream ended {streamEnd.Status} (hook #{streamEnd.Id}).",
                    streamEnd.Id, e.Id);
        }
        else if (sid is not null && _endedSessions.TryGet(sid, out var sessionEnd) && sessionEnd.Id < e.Id
                 && !IsConnectionEnd(e) && !StreamStatus.IsTerminal(e.Status) && !IsStopRequest(e.Method))
        {
            book.Report(AnomalyKind.LateHook, AnomalySubject.Session, sid, nowMs, e.ReceivedAtMs,
                e.Method == WcsMethod.ConnectionStatusEvent
                    ? $"Non-terminal status {e.Status} (hook #{e.Id}) arrived after the session ended {sessionEnd.Status} (hook #{sessionEnd.Id})."
                    : $"{What(e)} (hook #{e.Id}) arrived after the session ended {sessionEnd.Status} (hook #{sessionEnd.Id}).",
                sessionEnd.Id, e.Id);
        }

        if (msid is not null && e.Method == WcsMethod.StreamStatusEvent && StreamStatus.IsTerminal(e.Status)) _endedStreams.TryAdd(msid, (e.Id, e.Status));
        if (sid is not null && IsConnectionEnd(e)) _endedSessions.TryAdd(sid, (e.Id, e.Status));
    }

    private static bool IsConnectionEnd(EventSummary e) => e.Method == WcsMethod.ConnectionStatusEvent && SessionStatus.EndsStreams(e.Status);

    private static bool IsStopRequest(string method) => method is WcsMethod.UnPublishStream or WcsMethod.StopStream;

    private static string What(EventSummary e) => e.Status is { } status ? $"{e.Method} {status}" : e.Method;
}
