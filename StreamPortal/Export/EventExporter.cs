using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;

namespace StreamPortal.Export;

/// <summary>
/// Reads every event of a filter, newest first by id, a page at a time: each page is one query that starts below the
/// last id seen (keyset), on an untracked context, so memory stays that of one page whatever the number of events
/// (an OFFSET would rescan every skipped row, and one open reader would hold SQLite's read snapshot for the whole
/// download, keeping the WAL from being checkpointed).
/// </summary>
public sealed class EventExporter(IDbContextFactory<PortalDbContext> contexts)
{
    public const int PageSize = 500;

    public async Task<int> CountAsync(EventFilter filter, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await EventQueries.Apply(db.Events.AsNoTracking(), db, filter).CountAsync(ct);
    }

    /// <summary>The filter's events, newest first by id; yields page by page as they are read.</summary>
    public async IAsyncEnumerable<IReadOnlyList<EventExportRow>> ReadPagesAsync(EventFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        long? below = null;
        while (true)
        {
            List<EventExportRow> page;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                var query = EventQueries.Apply(db.Events.AsNoTracking(), db, filter);
                if (below is { } id) query = query.Where(e => e.Id < id);
                page = await query.OrderByDescending(e => e.Id).Take(PageSize).Select(ToRow).ToListAsync(ct);
                var logins = await SessionLogins.OfAsync(db, page.Select(r => r.SessionId), ct);
                if (logins.Count > 0)
                    page = page.Select(r => r.SessionId is { } s && logins.TryGetValue(s, out var l) ? r with { Login = l } : r).ToList();
            }
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < PageSize) yield break;
            below = page[^1].Id;
        }
    }

    private static readonly System.Linq.Expressions.Expression<Func<HookEvent, EventExportRow>> ToRow = e => new EventExportRow
    {
        Id = e.Id,
        ReceivedAt = StoredTime.From(e.ReceivedAtMs),
        App = e.App,
        Method = e.Method,
        Kind = e.Kind,
        AppKey = e.AppKey,
        NodeId = e.NodeId,
        SessionId = e.SessionId,
        MediaSessionId = e.MediaSessionId,
        Name = e.Name,
        Status = e.Status,
        Info = e.Info,
        Published = e.Published,
        AnswerStatus = e.AnswerStatus,
        RuleId = e.RuleId,
        RuleName = e.RuleName,
        DelayMs = e.DelayMs,
        LatencyMs = e.LatencyMs,
        Rejected = e.Rejected,
        RejectReason = e.RejectReason,
        AnswerDelivered = e.AnswerDelivered != false,
        ReplayOf = e.ReplayOf,
        ImportedFrom = e.ImportedFrom,
        DuplicateOf = e.DuplicateOf,
        ShadowRefusal = e.ShadowRefusal,
        Instance = e.Instance,
        Body = e.Body,
        BodyEncoding = e.BodyEncoding,
    };
}
