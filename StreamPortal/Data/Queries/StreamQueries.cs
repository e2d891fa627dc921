using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Queries;

public sealed class StreamQueries(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>Most events a stream's timeline returns (newest kept).</summary>
    public const int TimelineLimit = 1000;

    public async Task<PagedResult<StreamItem>> ListAsync(StreamFilter filter, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Apply(db.Streams.AsNoTracking(), filter);
        var counted = await ListCount.CountAsync(query, ct);
        var items = await Sort(query, filter).Skip((page - 1) * pageSize).Take(pageSize).Select(ToItem).ToListAsync(ct);
        return ListCount.Page(await SessionLogins.AddAsync(db, items, ct), counted);
    }

    /// <param name="withEvents">False for the console, which pages the timeline itself (<see cref="TimelineQueries"/>).</param>
    public async Task<StreamDetail?> GetAsync(string mediaSessionId, CancellationToken ct, bool withEvents = true)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stream = await db.Streams.AsNoTracking().Where(s => s.MediaSessionId == mediaSessionId).Select(ToItem).FirstOrDefaultAsync(ct);
        if (stream is null) return null;
        var events = !withEvents ? [] : await EventQueries.TimelineAsync(db.Events.AsNoTracking().WhereMediaSessionId(db.EventKeys, mediaSessionId), TimelineLimit, ct);
        var players = stream.Published == true && stream.Name is not null
            ? await db.Streams.AsNoTracking()
                .Where(s => s.Name == stream.Name && s.Published == false && s.AppKey == stream.AppKey)
                .OrderByDescending(s => s.LastSeenMs).Take(200).Select(ToItem).ToListAsync(ct)
            : [];
        var logins = await SessionLogins.OfAsync(db, players.Select(p => p.SessionId).Append(stream.SessionId), ct);
        string? LoginOf(string? sid) => sid is not null && logins.TryGetValue(sid, out var l) ? l : null;
        return new StreamDetail(stream with { Login = LoginOf(stream.SessionId) }, events, players.Select(p => p with { Login = LoginOf(p.SessionId) }).ToList());
    }

    internal static IQueryable<StreamInstance> Apply(IQueryable<StreamInstance> q, StreamFilter f)
    {
        if (!string.IsNullOrEmpty(f.Name)) q = q.Where(s => s.Name == f.Name);
        if (!string.IsNullOrEmpty(f.Status)) q = q.Where(s => s.Status == f.Status);
        if (!string.IsNullOrEmpty(f.AppKey)) q = q.Where(s => s.AppKey == f.AppKey);
        if (f.Published is { } published) q = q.Where(s => s.Published == published);
        if (!string.IsNullOrEmpty(f.NodeId)) q = q.Where(s => s.NodeId == f.NodeId);
        if (!string.IsNullOrEmpty(f.SessionId)) q = q.Where(s => s.SessionId == f.SessionId);
        // A stream is in the range when its lifetime overlaps it.
        if (f.FromMs is { } from) q = q.Where(s => s.LastSeenMs >= from);
        if (f.ToMs is { } to) q = q.Where(s => s.FirstSeenMs <= to);
        return q;
    }

    internal static IQueryable<StreamInstance> Sort(IQueryable<StreamInstance> q, StreamFilter f) => (f.Sort?.ToLowerInvariant(), f.Descending) switch
    {
        ("name", false) => q.OrderBy(s => s.Name).ThenBy(s => s.MediaSessionId),
        ("name", true) => q.OrderByDescending(s => s.Name).ThenBy(s => s.MediaSessionId),
        ("status", false) => q.OrderBy(s => s.Status).ThenByDescending(s => s.LastSeenMs),
        ("status", true) => q.OrderByDescending(s => s.Status).ThenByDescending(s => s.LastSeenMs),
        ("lastseen", false) => q.OrderBy(s => s.LastSeenMs),
        ("lastseen", true) => q.OrderByDescending(s => s.LastSeenMs),
        (_, false) => q.OrderBy(s => s.FirstSeenMs),
        _ => q.OrderByDescending(s => s.FirstSeenMs),
    };

    internal static readonly System.Linq.Expressions.Expression<Func<StreamInstance, StreamItem>> ToItem = s => new StreamItem(
        s.MediaSessionId, s.Name, s.SessionId, s.AppKey, s.NodeId, s.Published, s.Status, s.Info, s.MediaProvider,
        s.HasAudio, s.HasVideo, s.Width, s.Height, s.AudioCodec, s.VideoCodec, StoredTime.From(s.FirstSeenMs),
        StoredTime.From(s.LastSeenMs), s.EventCount, s.EndedWithSession, s.EndedByEventId);
}
