using StreamPortal.Data.Entities;
using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>One hook on its way to the database; the request awaits <see cref="Committed"/> before answering.</summary>
public sealed class IngestItem(HookEvent evt, byte[] rawBody, HookFields? fields, long startTimestamp, string? sessionStatus, string? restClientConfig)
{
    private readonly TaskCompletionSource<long> _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HookEvent Event { get; } = evt;
    /// <summary>The body as received; stored as is when the event has no text body of its own (see HookHandler).</summary>
    public byte[] RawBody { get; } = rawBody;
    /// <summary>Null for rejected hooks: they are stored but never projected.</summary>
    public HookFields? Fields { get; } = fields;
    /// <summary>Stopwatch timestamp of the request's arrival, for the stored processing time.</summary>
    public long StartTimestamp { get; } = startTimestamp;
    /// <summary>The session status this hook implies (CONNECTING, REFUSED, ESTABLISHED, ...), or null for none.</summary>
    public string? SessionStatus { get; } = sessionStatus;
    /// <summary>The restClientConfig JSON the portal answered to this connect.</summary>
    public string? RestClientConfig { get; } = restClientConfig;

    /// <summary>
    /// The event's LatencyMs is already its processing time (an imported event's, a replay's at another backend):
    /// the writer keeps it instead of measuring from <see cref="StartTimestamp"/>.
    /// </summary>
    public bool KeepsLatency { get; init; }

    /// <summary>
    /// The key duplicates are found by (<see cref="DuplicateTracker.KeyOf"/>), computed by the request; null for a hook
    /// that is never marked as a duplicate (rejected, a keep-alive, a replay or an import).
    /// </summary>
    internal DuplicateTracker.BodyKey? DuplicateKey { get; init; }

    /// <summary>
    /// A follow-up to an event already stored: its answer could not be delivered. The writer, the only writer of
    /// hook data, marks the event instead of inserting it.
    /// </summary>
    public bool IsAnswerNotDelivered { get; private init; }

    /// <summary>No hook: wakes a waiting writer to run a chore (<see cref="IngestQueue.Wake"/>); the writer skips it.</summary>
    public static IngestItem Wake { get; } = new(new HookEvent(), [], null, 0, null, null);

    public static IngestItem AnswerNotDelivered(HookEvent stored) =>
        new(stored, [], null, System.Diagnostics.Stopwatch.GetTimestamp(), null, null) { IsAnswerNotDelivered = true };

    /// <summary>Completes with the event's id once its transaction has committed.</summary>
    public Task<long> Committed => _committed.Task;

    internal void Complete(long id) => _committed.TrySetResult(id);
    internal void Fail(Exception ex) => _committed.TrySetException(ex);
}
