using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Queries;
using StreamPortal.Wcs;

namespace StreamPortal.Anomalies;

/// <summary>
/// The time-based anomalies, found by reading the projections (index ranges on status, never the events table but
/// for one keyed lookup per candidate): stale streams, silent sessions, orphan players, silent nodes; and the
/// healing of those and of late and refused-then-active anomalies whose proof has grown old.
/// </summary>
public sealed class AnomalySweep(HookFlowRules flow)
{
    /// <summary>Candidates read per kind and sweep: a sweep stays cheap whatever the backlog; the next one goes on.</summary>
    public const int MaxPerSweep = 500;

    /// <summary>Open streams read to find silent nodes (far more than a WCS cluster keeps live at once).</summary>
    public const int MaxOpenStreams = 20_000;

    /// <summary>
    /// How long a player may keep PLAYING after its publisher ended before it counts as an orphan: WCS stops the
    /// players itself ("Stopped by publisher stop"), a moment after the publisher's UNPUBLISHED.
    /// </summary>
    public const int OrphanGraceSeconds = 10;

    /// <summary>Streams listed by name in a silent node's detail.</summary>
    public const int ListedStreams = 10;

    // Whether a stream had keep-alives, by mediaSessionId, with the LastSeenMs it was checked at: without keep-alives
    // a live stream is quiet by nature (WCS sends them only when configured), so only one that had some goes stale.
    private readonly Dictionary<string, (long LastSeenMs, bool Had)> _keepAlives = new(StringComparer.Ordinal);

    public async Task RunAsync(PortalDbContext db, AnomalyBook book, AnomalyThresholds t, long now, CancellationToken ct)
    {
        await StaleStreamsAsync(db, book, now - t.StaleStreamMs, t, now, ct);
        await SilentSessionsAsync(db, book, now - t.SilentSessionMs, t, now, ct);
        await OrphanPlayersAsync(db, book, now, ct);
        await SilentNodesAsync(db, book, t, now, ct);
        foreach (var kind in new[] { AnomalyKind.LateHook, AnomalyKind.RefusedThenActive })
            foreach (var a in book.OpenOf(kind).Where(a => a.LastEvidenceMs < now - t.StaleStreamMs))
                book.Resolve(kind, a.Subject, now, $"no such hook for {t.StaleStreamSeconds} s.");
    }

    private async Task StaleStreamsAsync(PortalDbContext db, AnomalyBook book, long cutoff, AnomalyThresholds t, long now, CancellationToken ct)
    {
        var candidates = await db.Streams.AsNoTracking()
            .Where(s => (s.Status == StreamStatus.Publishing || s.Status == StreamStatus.Playing) && s.LastSeenMs < cutoff)
            .OrderBy(s => s.LastSeenMs).Take(MaxPerSweep)
            .Select(s => new { s.MediaSessionId, s.Name, s.Status, s.NodeId, s.LastSeenMs, s.LastEventId }).ToListAsync(ct);
        foreach (var s in candidates)
        {
            if (book.IsOpen(AnomalyKind.StaleStream, s.MediaSessionId)) continue;
            if (!await HadKeepAlivesAsync(db, s.MediaSessionId, s.LastSeenMs, ct)) continue;
            book.Report(AnomalyKind.StaleStream, AnomalySubject.Stream, s.MediaSessionId, now, s.LastSeenMs,
                $"{s.Status} stream '{s.Name}' on node {s.NodeId ?? "(unknown)"} had keep-alives, then no hook for {Seconds(now - s.LastSeenMs)} s " +
                $"(more than {t.StaleStreamSeconds} s; the last was hook #{s.LastEventId}): lost hooks or a dead WCS node?", s.LastEventId);
        }
        var open = book.OpenOf(AnomalyKind.StaleStream).Select(a => a.Subject).ToList();
        foreach (var chunk in open.Chunk(MaxPerSweep))
        {
            var rows = await db.Streams.AsNoTracking().Where(s => chunk.Contains(s.MediaSessionId))
                .Select(s => new { s.MediaSessionId, s.Status, s.LastSeenMs }).ToDictionaryAsync(s => s.MediaSessionId, ct);
            foreach (var id in chunk)
            {
                if (!rows.TryGetValue(id, out var row)) book.Resolve(AnomalyKind.StaleStream, id, now, "the stream is no longer stored.");
                else if (!StreamStatus.IsLive(row.Status)) book.Resolve(AnomalyKind.StaleStream, id, now, $"the stream ended ({row.Status}).");
                else if (row.LastSeenMs >= cutoff) book.Resolve(AnomalyKind.StaleStream, id, now, "hooks for the stream arrive again.");
            }
        }
        foreach (var gone in _keepAlives.Keys.Where(k => candidates.All(c => c.MediaSessionId != k)).ToList()) _keepAlives.Remove(gone);
    }

    private async Task<bool> HadKeepAlivesAsync(PortalDbContext db, string mediaSessionId, long lastSeenMs, CancellationToken ct)
    {
        if (_keepAlives.TryGetValue(mediaSessionId, out var known) && known.LastSeenMs == lastSeenMs) return known.Had;
        var had = await db.Events.WhereMediaSessionId(db.EventKeys, mediaSessionId).AnyAsync(e => e.Method == KeepAlive.Method, ct);
        _keepAlives[mediaSessionId] = (lastSeenMs, had);
        return had;
    }

    private static async Task SilentSessionsAsync(PortalDbContext db, AnomalyBook book, long cutoff, AnomalyThresholds t, long now, CancellationToken ct)
    {
        var candidates = await db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Established && s.LastSeenMs < cutoff)
            .OrderBy(s => s.LastSeenMs).Take(MaxPerSweep)
            .Select(s => new { s.SessionId, s.NodeId, s.Login, s.LastSeenMs }).ToListAsync(ct);
        foreach (var s in candidates)
        {
            if (book.IsOpen(AnomalyKind.SilentSession, s.SessionId)) continue;
            var last = await db.Events.WhereSessionId(db.EventKeys, s.SessionId).MaxAsync(e => (long?)e.Id, ct) ?? 0;
            book.Report(AnomalyKind.SilentSession, AnomalySubject.Session, s.SessionId, now, s.LastSeenMs,
                $"Session{(s.Login is null ? "" : $" of '{s.Login}'")} is ESTABLISHED but sent no hook for {Seconds(now - s.LastSeenMs) / 60} min " +
                $"(more than {t.SilentSessionMinutes} min; the last was hook #{last}): was its disconnect lost?", last);
        }
        var open = book.OpenOf(AnomalyKind.SilentSession).Select(a => a.Subject).ToList();
        foreach (var chunk in open.Chunk(MaxPerSweep))
        {
            var rows = await db.Sessions.AsNoTracking().Where(s => chunk.Contains(s.SessionId))
                .Select(s => new { s.SessionId, s.Status, s.LastSeenMs }).ToDictionaryAsync(s => s.SessionId, ct);
            foreach (var id in chunk)
            {
                if (!rows.TryGetValue(id, out var row)) book.Resolve(AnomalyKind.SilentSession, id, now, "the session is no longer stored.");
                else if (row.Status != SessionStatus.Established) book.Resolve(AnomalyKind.SilentSession, id, now, $"the session is {row.Status}.");
                else if (row.LastSeenMs >= cutoff) book.Resolve(AnomalyKind.SilentSession, id, now, "the session sent a hook.");
            }
        }
    }

    private static async Task OrphanPlayersAsync(PortalDbContext db, AnomalyBook book, long now, CancellationToken ct)
    {
        var players = await db.Streams.AsNoTracking()
            .Where(s => s.Status == StreamStatus.Playing && s.Published == false && s.Name != null)
            .OrderBy(s => s.FirstSeenMs).Take(MaxPerSweep)
            .Select(s => new { s.MediaSessionId, Name = s.Name!, s.LastEventId }).ToListAsync(ct);
        var open = book.OpenOf(AnomalyKind.OrphanPlayer).Select(a => a.Subject).ToHashSet(StringComparer.Ordinal);
        var names = players.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var publishers = new List<(string Name, string MediaSessionId, string? Status, long LastSeenMs, long LastEventId)>();
        foreach (var chunk in names.Chunk(MaxPerSweep))
            publishers.AddRange((await db.Streams.AsNoTracking().Where(s => s.Published == true && chunk.Contains(s.Name!))
                .Select(s => new { Name = s.Name!, s.MediaSessionId, s.Status, s.LastSeenMs, s.LastEventId }).ToListAsync(ct))
                .Select(s => (s.Name, s.MediaSessionId, s.Status, s.LastSeenMs, s.LastEventId)));
        var byName = publishers.ToLookup(p => p.Name, StringComparer.Ordinal);
        foreach (var player in players)
        {
            var pubs = byName[player.Name].ToList();
            // A name no publisher of this portal ever had (a VOD file, an RTSP source, another backend's app) says nothing.
            if (pubs.Count == 0 || pubs.Any(p => p.Status == StreamStatus.Publishing)) continue;
            var last = pubs.MaxBy(p => p.LastSeenMs);
            if (!StreamStatus.IsTerminal(last.Status) || last.LastSeenMs > now - OrphanGraceSeconds * 1000L) continue;
            open.Remove(player.MediaSessionId);
            if (book.IsOpen(AnomalyKind.OrphanPlayer, player.MediaSessionId)) continue;
            book.Report(AnomalyKind.OrphanPlayer, AnomalySubject.Stream, player.MediaSessionId, now, now,
                $"Player of '{player.Name}' is PLAYING but its publisher {last.MediaSessionId} is {last.Status} " +
                $"(hook #{last.LastEventId}) and no other publisher of the name is publishing.", player.LastEventId, last.LastEventId);
        }
        // Open ones not found orphaned again: the player stopped or a publisher is back.
        foreach (var id in open) book.Resolve(AnomalyKind.OrphanPlayer, id, now, "the player stopped or a publisher of its stream is publishing.");
    }

    private async Task SilentNodesAsync(PortalDbContext db, AnomalyBook book, AnomalyThresholds t, long now, CancellationToken ct)
    {
        var live = await db.Streams.AsNoTracking()
            .Where(s => (s.Status == StreamStatus.Publishing || s.Status == StreamStatus.Playing) && s.NodeId != null)
            .Take(MaxOpenStreams)
            .Select(s => new { NodeId = s.NodeId!, s.MediaSessionId, s.Name, s.Status, s.LastSeenMs, s.LastEventId }).ToListAsync(ct);
        var open = book.OpenOf(AnomalyKind.SilentNode).Select(a => a.Subject).ToHashSet(StringComparer.Ordinal);
        foreach (var node in live.GroupBy(s => s.NodeId, StringComparer.Ordinal))
        {
            var streams = node.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var heard = flow.NodeLastHook(node.Key);
            var lastMs = Math.Max(heard?.Ms ?? 0, streams.Max(s => s.LastSeenMs));
            var lastId = Math.Max(heard?.Id ?? 0, streams.Max(s => s.LastEventId));
            if (lastMs >= now - t.SilentNodeMs) { if (open.Remove(node.Key)) book.Resolve(AnomalyKind.SilentNode, node.Key, now, "the node sent a hook."); continue; }
            open.Remove(node.Key);
            if (book.IsOpen(AnomalyKind.SilentNode, node.Key)) continue;
            // Busy: WCS sends keep-alives for its streams, so silence means lost hooks, not a quiet stream.
            var busy = false;
            foreach (var s in streams.Take(ListedStreams))
                if (busy = await HadKeepAlivesAsync(db, s.MediaSessionId, s.LastSeenMs, ct)) break;
            if (!busy) continue;
            var listed = string.Join(", ", streams.Take(ListedStreams).Select(s => $"'{s.Name}' {s.Status} ({s.MediaSessionId})"));
            var more = streams.Count > ListedStreams ? $" and {streams.Count - ListedStreams} more" : "";
            book.Report(AnomalyKind.SilentNode, AnomalySubject.Node, node.Key, now, lastMs,
                $"Node {node.Key} sent no hook for {Seconds(now - lastMs)} s (more than {t.SilentNodeSeconds} s; the last was hook #{lastId}) " +
                $"and leaves {streams.Count} stream(s) open: {listed}{more}.", lastId);
        }
        // Open ones whose node has no open stream left.
        foreach (var id in open) book.Resolve(AnomalyKind.SilentNode, id, now, "the node has no open stream left.");
    }

    private static long Seconds(long ms) => ms / 1000;
}
