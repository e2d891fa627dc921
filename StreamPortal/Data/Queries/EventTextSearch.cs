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
/// case), their copies (DuplicateOf: same method and body, not indexed), and every event above the indexed mark (not
/// indexed yet: a short read of the newest ids), each re-checked with the old LIKE, so the rows are exactly the scan's.
/// Any other term, and PostgreSQL (ILIKE), read every row as before.
/// </remarks>
internal static class EventTextSearch
{
    /// <summary>How <paramref name="text"/> will be answered on this store (read from the index file once per search).</summary>
    public static SearchPlan Plan(PortalDbContext db, string text) => db is PostgresPortalDbContext
        ? SearchPlan.Scan(SearchPlan.NoIndex)
        : SearchLookup.Plan(SearchIndexFile.PathFor(db.Database.GetConnectionString()), text);

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
            // Three arms: the candidates (read by id), their copies (through the partial index on DuplicateOf), the events
            // above the mark. A candidate whose event was deleted joins nothing. Candidates and copies stop at the mark,
            // so no event comes twice (a copy above the mark is in the third arm).
            var ids = "[" + string.Join(',', plan.Candidates.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";
            var mark = plan.IndexedUpTo;
            events = db.Events.FromSql($"""
                SELECT e.* FROM json_each({ids}) AS c CROSS JOIN Events AS e ON e.Id = c.value WHERE e.Id <= {mark}
                UNION ALL
                SELECT e.* FROM json_each({ids}) AS c CROSS JOIN Events AS e ON e.DuplicateOf = c.value
                    WHERE e.DuplicateOf IS NOT NULL AND e.Id <= {mark}
                UNION ALL
                SELECT e.* FROM Events AS e WHERE e.Id > {mark}
                """).AsNoTracking();
        }
        // SQLite's LIKE ignores ASCII case: the exact check, on the candidates or on every row.
        return events.Where(e => EF.Functions.Like(e.Method, pattern, "\\") || EF.Functions.Like(e.Name!, pattern, "\\") ||
                                 EF.Functions.Like(e.SessionId!, pattern, "\\") || EF.Functions.Like(e.Body!, pattern, "\\"));
    }
}
