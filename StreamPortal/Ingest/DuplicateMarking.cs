namespace StreamPortal.Ingest;

/// <summary>
/// One batch's use of the <see cref="DuplicateTracker"/>, shared by both stores: an event is marked just before its
/// insert (so the column is written with it) and, when it is a first copy, remembered just after (once it has its id).
/// A store that inserts in order therefore finds a copy's first even in the same batch.
/// </summary>
internal sealed class DuplicateMarking(DuplicateTracker tracker, long windowMs)
{
    /// <summary>Events of this batch marked as duplicates.</summary>
    public int Marked { get; private set; }

    /// <summary>Sets the event's DuplicateOf (null when it is no copy of a hook within the window).</summary>
    public void Mark(IngestItem item)
    {
        var e = item.Event;
        e.DuplicateOf = item.DuplicateKey is { } key ? tracker.FirstCopy(key, e.ReceivedAtMs, windowMs) : null;
        if (e.DuplicateOf is not null) Marked++;
    }

    /// <summary>After the insert: a first copy is remembered under its new id.</summary>
    public void Remember(IngestItem item)
    {
        if (item.Event.DuplicateOf is null && item.DuplicateKey is { } key) tracker.Remember(key, item.Event.Id, item.Event.ReceivedAtMs);
    }

    /// <summary>
    /// Before a store writes the batch again in a new transaction: the first copies remembered in the rolled-back one
    /// have ids that were never stored, so a copy must not be marked with them (or an event with its own lost id).
    /// </summary>
    public void RolledBack()
    {
        tracker.Invalidate();
        Marked = 0;
    }

    /// <summary>Whether the hook moves projections: a duplicate does not (its first copy already did: EventCount, status).</summary>
    public static bool Projects(IngestItem item) => item.Fields is not null && item.Event.DuplicateOf is null;
}
