using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;
using StreamPortal.Search;

namespace StreamPortal.Data.Queries;

/// <summary>
/// The free-text filter <c>q</c> of Events: a case-insensitive (ASCII letters) substring of the method, stream name,
/// session id or raw body, taken literally. The one place that knows how each store finds it.
/// </summary>
/// <remarks>
/// SQLite: a term the index can answer (<see cref="SearchLookup"/>) is looked up in the trigram index file kept by
/// <see cref="SearchIndexer"/> in the background: its candidates (first copies holding the term's rarest trigrams, any
/// case), their copies (DuplicateOf: same method and body, not indexed), the events of the stream names, session ids and
/// media session ids that hold it (through their key columns: those values are indexed once each, not per event), and
/// every event above the indexed mark (not indexed yet: a short read of the newest ids), each re-checked with the old
/// LIKE, so the rows are exactly the scan's.
/// Any other term, and PostgreSQL (ILIKE), read every row as before.
/// </remarks>
internal static class EventTextSearch
{
    /// <summary>
    /// How <paramref name="text"/> will be answered on this store: through the index, its candidates and their copies
    /// re-checked here once, so that the count and the page that follow read only the matching rows.
    /// </summary>
    public static SearchPlan Plan(PortalDbContext db, string text)
    {
        if (db is PostgresPortalDbContext) return SearchPlan.Scan(SearchPlan.NoIndex);
        var plan = SearchLookup.Plan(SearchIndexFile.PathFor(db.Database.GetConnectionString()), text);
        if (!plan.UsesIndex) return plan;
        // The candidates (read by id) and their copies (through the partial index on DuplicateOf), re-checked with the
        // old LIKE; the events of the matching keys, through the key indexes: those of a stream name or session id that
        // holds the term match as they are (Name or SessionId LIKE holds), those of a media session id (not a searched
        // column) are re-checked. A candidate whose event was deleted joins nothing. All stop at the mark: an event
        // above it is read with the unindexed tail. DISTINCT: an event may come by two ways (its stream name and its
        // session id both hold the term).
        var pattern = "%" + SearchLike.Escape(text) + "%";
        var ids = Json(plan.Candidates);
        var keys = Json(plan.KeyCandidates);
        var mark = plan.IndexedUpTo;
        var matches = db.Database.SqlQuery<long>($"""
            WITH k AS (SELECT k.Id FROM json_each({keys}) AS c CROSS JOIN EventKeys AS k ON k.Id = c.value
                       WHERE k.Value LIKE {pattern} ESCAPE '\'),
            r AS (
                SELECT c.value AS Id FROM json_each({ids}) AS c
                UNION ALL
                SELECT e.Id FROM json_each({ids}) AS c CROSS JOIN Events AS e ON e.DuplicateOf = c.value WHERE e.DuplicateOf IS NOT NULL),
            i AS (
                SELECT e.Id FROM r CROSS JOIN Events AS e ON e.Id = r.Id
                    WHERE e.Method LIKE {pattern} ESCAPE '\' OR e.Name LIKE {pattern} ESCAPE '\'
                       OR e.SessionId LIKE {pattern} ESCAPE '\' OR e.Body LIKE {pattern} ESCAPE '\'
                UNION ALL
                SELECT e.Id FROM k CROSS JOIN Events AS e ON e.NameKey = k.Id WHERE e.Id <= {mark}
                UNION ALL
                SELECT e.Id FROM k CROSS JOIN Events AS e ON e.SessionKey = k.Id WHERE e.Id <= {mark}
                UNION ALL
                SELECT e.Id FROM k CROSS JOIN Events AS e ON e.MediaSessionKey = k.Id
                    WHERE e.Id <= {mark} AND (e.Method LIKE {pattern} ESCAPE '\' OR e.Name LIKE {pattern} ESCAPE '\'
                       OR e.SessionId LIKE {pattern} ESCAPE '\' OR e.Body LIKE {pattern} ESCAPE '\'))
            SELECT DISTINCT Id AS Value FROM i WHERE Id <= {mark} LIMIT {SearchLookup.MaxMatches + 1}
            """).ToList();
        // Past the bound the id list would cost more than the scan, which finds so common a term's first page at once.
        return matches.Count > SearchLookup.MaxMatches ? SearchPlan.Scan(SearchPlan.Broad) : plan with { Candidates = matches };
    }

    private static string Json(IEnumerable<long> ids) =>
        "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";

    public static IQueryable<HookEvent> WhereText(this IQueryable<HookEvent> events, PortalDbContext db, string text, SearchPlan plan)
    {
        var pattern = "%" + SearchLike.Escape(text) + "%";
        if (db is PostgresPortalDbContext)
        {
            // PostgreSQL's LIKE does not ignore case; ILIKE gives SQLite's matches (no index there: a scan).
            return events.Where(e => EF.Functions.ILike(e.Method, pattern, "\\") || EF.Functions.ILike(e.Name!, pattern, "\\") ||
                                     EF.Functions.ILike(e.SessionId!, pattern, "\\") || EF.Functions.ILike(e.Body!, pattern, "\\"));
        }
        if (plan.UsesIndex)
        {
            // The matches found by Plan (up to the mark: first copies, copies, events of matching keys), and the events
            // above the mark. The tail is read from its id range, then by id (CROSS JOIN keeps that order): a filter the
            // caller adds (appKey, method) is pushed into this arm, and SQLite then preferred that filter's index over the
            // short id range, reading every event of the app key (1.8 s at 10,000,000 events; 0.6 ms this way).
            var ids = Json(plan.Candidates);
            var mark = plan.IndexedUpTo;
            events = db.Events.FromSql($"""
                SELECT e.* FROM json_each({ids}) AS c CROSS JOIN Events AS e ON e.Id = c.value WHERE e.Id <= {mark}
                UNION ALL
                SELECT e.* FROM (SELECT Id FROM Events WHERE Id > {mark}) AS t CROSS JOIN Events AS e ON e.Id = t.Id
                """).AsNoTracking();
        }
        // SQLite's LIKE ignores ASCII case: the exact check, on every row (or on the matches again and the tail).
        return events.Where(e => EF.Functions.Like(e.Method, pattern, "\\") || EF.Functions.Like(e.Name!, pattern, "\\") ||
                                 EF.Functions.Like(e.SessionId!, pattern, "\\") || EF.Functions.Like(e.Body!, pattern, "\\"));
    }
}
