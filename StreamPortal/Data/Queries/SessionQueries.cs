using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Queries;

public sealed class SessionQueries(IDbContextFactory<PortalDbContext> contexts)
{
    public const int TimelineLimit = 1000;

    public async Task<PagedResult<SessionItem>> ListAsync(SessionFilter filter, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Apply(db.Sessions.AsNoTracking(), filter);
        var counted = await ListCount.CountAsync(query, ct);
        var rows = await Sort(query, filter).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return ListCount.Page(rows.Select(ToItem).ToList(), counted);
    }

    /// <param name="withEvents">False for the console, which pages the timeline itself (<see cref="TimelineQueries"/>).</param>
    public async Task<SessionDetail?> GetAsync(string sessionId, CancellationToken ct, bool withEvents = true)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.SessionId == sessionId, ct);
        if (session is null) return null;
        var streams = await db.Streams.AsNoTracking().Where(s => s.SessionId == sessionId)
            .OrderBy(s => s.FirstSeenMs).Select(StreamQueries.ToItem).ToListAsync(ct);
        var events = !withEvents ? [] : await EventQueries.TimelineAsync(db.Events.AsNoTracking().WhereSessionId(db.EventKeys, sessionId), TimelineLimit, ct);
        return new SessionDetail(ToItem(session), streams, events);
    }

    internal static IQueryable<ClientSession> Apply(IQueryable<ClientSession> q, SessionFilter f)
    {
        if (!string.IsNullOrEmpty(f.Status)) q = q.Where(s => s.Status == f.Status);
        if (!string.IsNullOrEmpty(f.AppKey)) q = q.Where(s => s.AppKey == f.AppKey);
        if (!string.IsNullOrEmpty(f.Origin)) q = q.Where(s => s.Origin == f.Origin);
        if (!string.IsNullOrEmpty(f.Login)) q = q.Where(s => s.Login == f.Login);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(s => s.SessionId.Contains(text) || (s.Login != null && s.Login.Contains(text)) ||
                             (s.ClientBrowserVersion != null && s.ClientBrowserVersion.Contains(text)));
        }
        return q;
    }

    private static IQueryable<ClientSession> Sort(IQueryable<ClientSession> q, SessionFilter f) => (f.Sort?.ToLowerInvariant(), f.Descending) switch
    {
        ("status", false) => q.OrderBy(s => s.Status).ThenByDescending(s => s.LastSeenMs),
        ("status", true) => q.OrderByDescending(s => s.Status).ThenByDescending(s => s.LastSeenMs),
        ("login", false) => q.OrderBy(s => s.Login),
        ("login", true) => q.OrderByDescending(s => s.Login),
        ("lastseen", false) => q.OrderBy(s => s.LastSeenMs),
        ("lastseen", true) => q.OrderByDescending(s => s.LastSeenMs),
        (_, false) => q.OrderBy(s => s.FirstSeenMs),
        _ => q.OrderByDescending(s => s.FirstSeenMs),
    };

    internal static SessionItem ToItem(ClientSession s) => new(
        s.SessionId, s.AppKey, s.NodeId, s.Status, s.Origin, s.Login, s.ClientVersion, s.ClientOsVersion,
        s.ClientBrowserVersion, StoredTime.From(s.ConnectedAtMs), StoredTime.From(s.DisconnectedAtMs), StoredTime.From(s.FirstSeenMs),
        StoredTime.From(s.LastSeenMs), s.EventCount, JsonText.Element(s.RestClientConfig), JsonText.Element(s.Custom));
}
