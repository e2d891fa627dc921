using System.Diagnostics;
using System.Text.Unicode;
using StreamPortal.Data.Entities;
using StreamPortal.Hooks;
using StreamPortal.Ingest;
using StreamPortal.Wcs;

namespace StreamPortal.Replay;

/// <summary>
/// Hooks that the portal stores itself rather than receives (replays and imported events), built the way the hook
/// handler builds a received one so that the writer projects them alike; they go through the same ingest queue.
/// </summary>
public static class StoredHooks
{
    /// <summary>A new event of <paramref name="app"/>/<paramref name="method"/> with <paramref name="body"/> stored as the handler stores it.</summary>
    public static HookEvent NewEvent(long receivedAtMs, string app, string method, byte[] body, string? headers)
    {
        var utf8 = Utf8.IsValid(body);
        return new HookEvent
        {
            ReceivedAtMs = receivedAtMs,
            App = app,
            Method = method,
            Kind = HookCatalogue.KindOf(method),
            Body = utf8 ? null : Convert.ToBase64String(body),
            BodyEncoding = utf8 ? null : "base64",
            Headers = headers,
        };
    }

    /// <summary>The stored body's bytes (base64 decoded when it was not UTF-8).</summary>
    public static byte[] BodyBytes(string? body, string? encoding) =>
        body is null ? [] : encoding == "base64" ? Convert.FromBase64String(body) : System.Text.Encoding.UTF8.GetBytes(body);

    /// <summary>
    /// The ingest item of an event whose answer is already set: projected from <paramref name="fields"/> (null: stored
    /// only, like a rejected hook), with the session status its answer implies, as HookHandler does.
    /// </summary>
    /// <param name="latencyMs">The processing time to store as it is; null: the writer measures it, as for a live hook.</param>
    public static IngestItem Item(HookEvent evt, byte[] body, HookFields? fields, string? restClientConfig, double? latencyMs = null)
    {
        if (fields is not null) HookHandler.Identify(evt, fields);
        var sessionStatus = fields is null ? null
            : evt.Kind == HookKind.Connect ? SessionStatus.AfterConnect(evt.AnswerStatus)
            : evt.Method == WcsMethod.ConnectionStatusEvent ? fields.Status : null;
        evt.LatencyMs = latencyMs ?? 0;
        return new IngestItem(evt, body, fields, Stopwatch.GetTimestamp(), sessionStatus, restClientConfig) { KeepsLatency = latencyMs is not null };
    }
}
