using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;
using StreamPortal.Search;

namespace StreamPortal.Data.Queries;

/// <summary>
/// The free-text filter <c>q</c> of Events: a case-insensitive (ASCII letters) substring of the method, stream name,
/// session id or raw body, taken literally. The one place that knows how each store finds it.
/// </summary>
/// <remarks>
/// SQLite: a term the index can answer (<see cref="SearchTerm.UsesIndex"/>, and inside no key name of the indexed
/// bodies) is looked up in the trigram index kept by <see cref="SearchIndexer"/> in the background: its candidates
/// (rows holding every trigram, any case) plus every event above the indexed mark (not indexed yet: a short scan of the
/// newest ids), each re-checked with the old LIKE, so the rows are exactly the scan's. Any other term, and PostgreSQL
/// (ILIKE), read every row as before.
/// </remarks>
internal static class EventTextSearch
{
    public static IQueryable<HookEvent> WhereText(this IQueryable<HookEvent> events, PortalDbContext db, string text)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        if (db is PostgresPortalDbContext)
        {
            // PostgreSQL's LIKE does not ignore case; ILIKE gives SQLite's matches (no index there yet: a scan).
            return events.Where(e => EF.Functions.ILike(e.Method, pattern, "\\") || EF.Functions.ILike(e.Name!, pattern, "\\") ||
                                     EF.Functions.ILike(e.SessionId!, pattern, "\\") || EF.Functions.ILike(e.Body!, pattern, "\\"));
        }
        if (UsesIndex(db, text))
        {
            // Three arms, one statement (one snapshot): the index's candidates, the events above the mark, and, should
            // a key name holding the term have been indexed since UsesIndex looked, every event (a guard: its
            // condition is constant, so SQLite skips the arm when it is false, and the other two then when it is true).
            // The candidates drive their arm (CROSS JOIN keeps the order; NOT INDEXED reads each by id, never through
            // another filter's index).
            var match = SearchTerm.MatchExpression(text);
            events = db.Events.FromSql($"""
                SELECT e.* FROM (SELECT rowid AS Id FROM EventSearch WHERE EventSearch MATCH {match}) AS s
                    CROSS JOIN Events AS e NOT INDEXED ON e.Id = s.Id
                    WHERE NOT EXISTS (SELECT 1 FROM EventSearchKeys WHERE Key LIKE {pattern} ESCAPE '\')
                UNION ALL
                SELECT e.* FROM Events AS e WHERE e.Id > (SELECT IndexedUpTo FROM EventSearchState)
                    AND NOT EXISTS (SELECT 1 FROM EventSearchKeys WHERE Key LIKE {pattern} ESCAPE '\')
                UNION ALL
                SELECT e.* FROM Events AS e WHERE EXISTS (SELECT 1 FROM EventSearchKeys WHERE Key LIKE {pattern} ESCAPE '\')
                """).AsNoTracking();
        }
        // SQLite's LIKE ignores ASCII case: the exact check, on the candidates or on every row.
        return events.Where(e => EF.Functions.Like(e.Method, pattern, "\\") || EF.Functions.Like(e.Name!, pattern, "\\") ||
                                 EF.Functions.Like(e.SessionId!, pattern, "\\") || EF.Functions.Like(e.Body!, pattern, "\\"));
    }

    /// <summary>
    /// Whether <paramref name="text"/> is looked up in the index (SQLite, a term it can answer, inside no key name of
    /// the indexed bodies), or scanned.
    /// </summary>
    public static bool UsesIndex(PortalDbContext db, string text)
    {
        if (db is PostgresPortalDbContext || !SearchTerm.UsesIndex(text)) return false;
        var pattern = "%" + EscapeLike(text) + "%";
        // A term inside a key (e.g. "status") matches nearly every body: the scan, which stops at the first page.
        return !db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM EventSearchKeys WHERE Key LIKE {pattern} ESCAPE '\\') AS Value").AsEnumerable().Single();
    }

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
