using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;
using StreamPortal.Search;
using StreamPortal.Wcs;

namespace StreamPortal.Data.Queries;

/// <summary>Reads of stored hooks for the API and the console: one short-lived context per call.</summary>
public sealed class EventQueries(IDbContextFactory<PortalDbContext> contexts, SearchStatus? search = null)
{
    public async Task<PagedResult<EventItem>> ListAsync(EventFilter filter, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = string.IsNullOrWhiteSpace(filter.Q) ? null : EventTextSearch.Plan(db, filter.Q.Trim());
        var query = Apply(db.Events.AsNoTracking(), db, filter, plan);
        var counted = await ListCount.CountAsync(query, ct);
        var items = await NewestFirst(query, filter)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(ToItem).ToListAsync(ct);
        return ListCount.Page(await SessionLogins.AddAsync(db, items, ct), counted) with { Search = Coverage(plan) };
    }

    /// <summary>How <c>q</c> was answered and how far the index is behind (null without <c>q</c>).</summary>
    private SearchCoverage? Coverage(SearchPlan? plan) => plan switch
    {
        null => null,
        { UsesIndex: true } => new SearchCoverage(SearchCoverage.Index, plan.IndexedUpTo, search?.LagMs, search?.MaxLagMs),
        _ => new SearchCoverage(SearchCoverage.Scan, null, null, null) { Reason = plan.ScanReason },
    };

    public async Task<int> CountAsync(EventFilter filter, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Apply(db.Events.AsNoTracking(), db, filter).CountAsync(ct);
    }

    public async Task<EventDetail?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        var headers = string.IsNullOrEmpty(e.Headers)
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Headers) ?? [];
        return new EventDetail(e.Id, StoredTime.From(e.ReceivedAtMs), e.App, e.Method, e.Kind, e.AppKey, e.NodeId,
            e.SessionId, e.MediaSessionId, e.Name, e.Status, e.Info, e.Published, e.AnswerStatus, e.RuleId, e.RuleName,
            e.DelayMs, e.LatencyMs, e.Rejected, e.RejectReason,
            e.BodyEncoding is null ? JsonText.Element(e.Body) : null, e.Body, e.BodyEncoding, headers,
            JsonText.Element(e.AnswerBody), e.RemoteAddress) { AnswerDelivered = e.AnswerDelivered != false, ReplayOf = e.ReplayOf, ImportedFrom = e.ImportedFrom, DuplicateOf = e.DuplicateOf, ShadowRefusal = e.ShadowRefusal, Instance = e.Instance };
    }

    /// <summary>Events of one stream instance or one session, oldest first (a timeline).</summary>
    internal static async Task<List<EventItem>> TimelineAsync(IQueryable<HookEvent> events, int max, CancellationToken ct)
    {
        var items = await events.OrderByDescending(e => e.Id).Take(max).Select(ToItem).ToListAsync(ct);
        items.Reverse();
        return items;
    }

    /// <summary>
    /// Newest first. By id, which every index carries; but under an upper time bound by time, so that the time index
    /// starts at the bound instead of walking every newer event first.
    /// </summary>
    internal static IQueryable<HookEvent> NewestFirst(IQueryable<HookEvent> q, EventFilter f) =>
        f.ToMs is null ? q.OrderByDescending(e => e.Id) : q.OrderByDescending(e => e.ReceivedAtMs).ThenByDescending(e => e.Id);

    /// <param name="plan">How <c>q</c> is answered, when the caller already asked (<see cref="EventTextSearch.Plan"/>).</param>
    internal static IQueryable<HookEvent> Apply(IQueryable<HookEvent> q, PortalDbContext db, EventFilter f, SearchPlan? plan = null)
    {
        // First: on SQLite the search index's candidates become the query's source (see EventTextSearch).
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.WhereText(db, text, plan ?? EventTextSearch.Plan(db, text));
        }
        if (!string.IsNullOrEmpty(f.Method)) q = q.Where(e => e.Method == f.Method);
        if (f.Kind is { } kind)
        {
            // By method, so that the method index serves it.
            if (kind == HookKind.Unknown)
            {
                var known = HookCatalogue.Methods.ToArray();
                q = q.Where(e => !known.Contains(e.Method));
            }
            else
            {
                var methods = HookCatalogue.MethodsOf(kind).ToArray();
                q = q.Where(e => methods.Contains(e.Method));
            }
        }
        if (!string.IsNullOrEmpty(f.AppKey)) q = q.Where(e => e.AppKey == f.AppKey);
        if (!string.IsNullOrEmpty(f.Stream)) q = q.WhereName(db.EventKeys, f.Stream);
        if (!string.IsNullOrEmpty(f.SessionId)) q = q.WhereSessionId(db.EventKeys, f.SessionId);
        if (!string.IsNullOrEmpty(f.MediaSessionId)) q = q.WhereMediaSessionId(db.EventKeys, f.MediaSessionId);
        if (!string.IsNullOrEmpty(f.Status)) q = q.Where(e => e.Status == f.Status);
        if (f.AnswerStatus is { } answer)
        {
            // The redundant literal term lets SQLite use the small partial index of non-200 answers.
            q = answer == 200 ? q.Where(e => e.AnswerStatus == 200) : q.Where(e => e.AnswerStatus == answer && e.AnswerStatus != 200);
        }
        if (f.Answer is { } answerClass)
        {
            // Every class but "rejected" keeps the literal non-200 term, for the partial index of non-200 answers.
            q = answerClass switch
            {
                AnswerClass.Non200 => q.Where(e => e.AnswerStatus != 200),
                AnswerClass.ClientError => q.Where(e => e.AnswerStatus != 200 && e.AnswerStatus >= 400 && e.AnswerStatus < 500),
                AnswerClass.ServerError => q.Where(e => e.AnswerStatus != 200 && e.AnswerStatus >= 500),
                _ => q.Where(e => e.Rejected),
            };
        }
        if (f.HideKeepAlives) q = q.Where(e => e.Method != KeepAlive.Method);
        // Written as the partial index's filter, so that "only" reads that small index.
        if (f.Duplicates == DuplicateChoice.Only) q = q.Where(e => e.DuplicateOf != null);
        else if (f.Duplicates == DuplicateChoice.Hide) q = q.Where(e => e.DuplicateOf == null);
        // No index: one more per hook would cost the writer, and most events of a cluster match any one instance, so
        // "newest first, one page" stops early; combined with another filter, that filter's index leads.
        if (!string.IsNullOrEmpty(f.Instance)) q = q.Where(e => e.Instance == f.Instance);
        if (f.RuleId is { } rule) q = q.Where(e => e.RuleId == rule);
        if (f.Rejected is { } rejected) q = rejected ? q.Where(e => e.Rejected) : q.Where(e => !e.Rejected);
        if (f.FromMs is { } from) q = q.Where(e => e.ReceivedAtMs >= from);
        if (f.ToMs is { } to) q = q.Where(e => e.ReceivedAtMs <= to);
        if (f.AfterId is { } after) q = q.Where(e => e.Id > after);
        return q;
    }

    // The final projection may run client code: EF fetches the columns and converts the time in memory.
    internal static readonly System.Linq.Expressions.Expression<Func<HookEvent, EventItem>> ToItem = e => new EventItem(
        e.Id, StoredTime.From(e.ReceivedAtMs), e.App, e.Method, e.Kind, e.AppKey, e.NodeId, e.SessionId, e.MediaSessionId,
        e.Name, e.Status, e.Info, e.Published, e.AnswerStatus, e.RuleId, e.RuleName, e.DelayMs, e.LatencyMs, e.Rejected,
        e.RejectReason) { AnswerDelivered = e.AnswerDelivered != false, ReplayOf = e.ReplayOf, ImportedFrom = e.ImportedFrom, DuplicateOf = e.DuplicateOf, ShadowRefusal = e.ShadowRefusal, Instance = e.Instance };
}
