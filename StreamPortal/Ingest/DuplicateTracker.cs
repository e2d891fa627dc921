using System.Security.Cryptography;
using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's memory of recent hook bodies: (method, SHA-256 of the body) to the id of the first event that carried
/// it. WCS re-sends a hook whose sending failed (3 times by default since 5.2.1475), so the same body can arrive twice;
/// the writer numbers events itself, so the first copy's id is exact even when both copies share a batch, and no hook
/// reads the database to find it. Bounded: entries expire after the window and the oldest are dropped past capacity
/// (a dropped entry only means a late copy is not marked). A failed transaction forgets everything, since the ids it
/// handed out were rolled back.
/// </summary>
internal sealed class DuplicateTracker(int capacity)
{
    private readonly Dictionary<BodyKey, Entry> _first = [];
    private readonly Queue<(BodyKey Key, long AtMs)> _order = new();

    public int Count => _first.Count;

    /// <summary>
    /// The key of a hook's body, or null for a hook that takes no part: computed by the request (in parallel, off the
    /// writer's thread) for parsed hooks from WCS. Keep-alives repeat the same body every few seconds by design, so they
    /// are not retries; replays and imports (queued by the portal itself, without a key) are resends the operator asked
    /// for; rejected hooks have no projection to protect.
    /// </summary>
    public static BodyKey? KeyOf(string method, ReadOnlySpan<byte> body)
    {
        if (KeepAlive.Is(method)) return null;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return new BodyKey(method, BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]), body.Length);
    }

    /// <summary>The id of the first copy of this body if it arrived within <paramref name="windowMs"/> before <paramref name="atMs"/>.</summary>
    public long? FirstCopy(BodyKey key, long atMs, long windowMs) =>
        windowMs > 0 && _first.TryGetValue(key, out var first) && atMs - first.AtMs <= windowMs ? first.EventId : null;

    /// <summary>Remembers a first copy once it has its id (a later copy past the window starts a new window).</summary>
    public void Remember(BodyKey key, long eventId, long atMs)
    {
        _first[key] = new Entry(eventId, atMs);
        _order.Enqueue((key, atMs));
    }

    /// <summary>After a commit: forget what the window has passed, and the oldest past capacity.</summary>
    public void Trim(long nowMs, long windowMs)
    {
        while (_order.TryPeek(out var oldest) && (nowMs - oldest.AtMs > windowMs || _order.Count > capacity))
        {
            _order.Dequeue();
            // A key seen again later was re-remembered with a newer time: only its own entry goes.
            if (_first.TryGetValue(oldest.Key, out var entry) && entry.AtMs == oldest.AtMs) _first.Remove(oldest.Key);
        }
    }

    /// <summary>After a rollback: the ids remembered in it were never stored.</summary>
    public void Invalidate()
    {
        _first.Clear();
        _order.Clear();
    }

    /// <summary>128 bits of SHA-256 and the length: a collision between two different bodies is not a practical concern.</summary>
    internal readonly record struct BodyKey(string Method, ulong Hash1, ulong Hash2, int Length);

    private readonly record struct Entry(long EventId, long AtMs);
}
