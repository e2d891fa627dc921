using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;
using StreamPortal.Wcs;

namespace StreamPortal.Data.Queries;

/// <summary>
/// A stream's or session's hooks, oldest first, in pages: nothing is cut off (a stream alive for hours has thousands
/// of keep-alives, and the publishStream that explains its end must stay reachable). Collapsed, pages are counted in
/// hooks other than keep-alives, and the keep-alives between them become runs: only their id and time are read, and
/// one full row per run (the row it opens). A keep-alive a rule answered is not collapsed.
/// </summary>
public sealed class TimelineQueries(IDbContextFactory<PortalDbContext> contexts)
{
    public const int PageSize = 100;

    public async Task<TimelinePage> PageAsync(TimelineScope scope, int page, bool collapse, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = Scoped(db, scope);
        var keepAlives = await all.CountAsync(e => e.Method == KeepAlive.Method, ct);
        var plain = all.Where(PlainKeepAlive);
        var hooks = await all.CountAsync(ct);
        if (!collapse)
        {
            var pages = Pages(hooks);
            page = Math.Clamp(page, 1, pages);
            var rows = await all.OrderBy(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).Select(EventQueries.ToItem).ToListAsync(ct);
            rows = await SessionLogins.AddAsync(db, rows, ct);
            return new TimelinePage(rows.Select(r => new TimelineEntry(r, null)).ToList(), page, pages, hooks, keepAlives);
        }

        var others = all.Where(NotPlainKeepAlive);
        var pageCount = Pages(hooks - await plain.CountAsync(ct));
        page = Math.Clamp(page, 1, pageCount);
        // The previous page's last hook bounds this page's first run of keep-alives.
        var skip = (page - 1) * PageSize;
        var window = await others.OrderBy(e => e.Id).Skip(Math.Max(0, skip - 1)).Take(skip > 0 ? PageSize + 1 : PageSize)
            .Select(EventQueries.ToItem).ToListAsync(ct);
        long after = 0;
        if (skip > 0 && window.Count > 0) { after = window[0].Id; window.RemoveAt(0); }
        // The last page runs to the end (keep-alives after the last status); the others end at their last hook.
        long? upTo = page < pageCount && window.Count > 0 ? window[^1].Id : null;
        var kaQuery = plain.Where(e => e.Id > after);
        if (upTo is { } u) kaQuery = kaQuery.Where(e => e.Id < u);
        var kaTimes = await kaQuery.OrderBy(e => e.Id).Select(e => new { e.Id, e.ReceivedAtMs }).ToListAsync(ct);

        var entries = new List<TimelineEntry>(window.Count * 2 + 1);
        var runs = new List<(int Index, int Count, long FromMs, long ToMs, long LastId)>();
        var k = 0;
        void RunUntil(long limit)
        {
            var start = k;
            while (k < kaTimes.Count && kaTimes[k].Id < limit) k++;
            if (k == start) return;
            runs.Add((entries.Count, k - start, kaTimes[start].ReceivedAtMs, kaTimes[k - 1].ReceivedAtMs, kaTimes[k - 1].Id));
            entries.Add(null!); // filled below, once the runs' last rows are read
        }
        foreach (var e in window)
        {
            RunUntil(e.Id);
            entries.Add(new TimelineEntry(e, null));
        }
        RunUntil(long.MaxValue);

        var lastIds = runs.Select(r => r.LastId).ToArray();
        var lasts = lastIds.Length == 0 ? []
            : await db.Events.AsNoTracking().Where(e => lastIds.Contains(e.Id)).Select(EventQueries.ToItem).ToDictionaryAsync(e => e.Id, ct);
        foreach (var r in runs)
            entries[r.Index] = new TimelineEntry(null, new KeepAliveRun(r.Count, StoredTime.From(r.FromMs), StoredTime.From(r.ToMs), lasts[r.LastId]));
        var logins = await SessionLogins.OfAsync(db, window.Select(w => w.SessionId), ct);
        if (logins.Count > 0)
            entries = entries.Select(x => x.Event is { SessionId: { } s } ev && logins.TryGetValue(s, out var l) ? x with { Event = ev with { Login = l } } : x).ToList();
        return new TimelinePage(entries, page, pageCount, hooks, keepAlives);
    }

    /// <summary>
    /// A keep-alive that says nothing: answered 200 by no rule. One a rule answered (a 403 that stopped the stream)
    /// is the row that explains the end, so it stays a row of its own.
    /// </summary>
    private static readonly System.Linq.Expressions.Expression<Func<HookEvent, bool>> PlainKeepAlive =
        e => e.Method == KeepAlive.Method && e.AnswerStatus == 200 && e.RuleId == null && !e.Rejected;

    private static readonly System.Linq.Expressions.Expression<Func<HookEvent, bool>> NotPlainKeepAlive =
        e => e.Method != KeepAlive.Method || e.AnswerStatus != 200 || e.RuleId != null || e.Rejected;

    private static IQueryable<HookEvent> Scoped(PortalDbContext db, TimelineScope scope)
    {
        var q = db.Events.AsNoTracking();
        if (scope.MediaSessionId is { } msid) q = q.WhereMediaSessionId(db.EventKeys, msid);
        if (scope.SessionId is { } sid) q = q.WhereSessionId(db.EventKeys, sid);
        return q;
    }

    private static int Pages(int rows) => Math.Max(1, (rows + PageSize - 1) / PageSize);
}
