using System.Text;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Queries;

/// <summary>
/// The free-text filter <c>q</c> of Events: a case-insensitive (ASCII letters, as SQLite's LIKE) substring of the method,
/// stream name, session id or body. The one place that knows how a store finds it fast.
/// </summary>
/// <remarks>
/// On SQLite a term of 3 or more characters is first looked up in the trigram index (<see cref="EventSearchSql"/>): the
/// rows holding every trigram of the term (any case, any order) are candidates, a superset of the matches, and the old
/// LIKE then keeps exactly the rows it always kept. So the results are those of the plain scan, read from a few rows
/// instead of every body. A term of 1-2 characters has no trigram: it is scanned, but only over the newest
/// <see cref="ShortTermWindow"/> events, so that it cannot read every body of a large store. Other stores (PostgreSQL)
/// get ILIKE (a pg_trgm index could serve it later without touching the callers).
/// </remarks>
internal static class EventTextSearch
{
    /// <summary>How many of the newest events a 1-2 character term is searched in.</summary>
    public const int ShortTermWindow = 100_000;

    /// <summary>Terms with fewer characters (Unicode scalar values) than this cannot use the trigram index.</summary>
    public const int IndexedLength = 3;

    // Each trigram costs one doclist read; a long term is selective long before its 16th trigram, and the LIKE re-check
    // makes any subset of its trigrams exact.
    private const int MaxTrigrams = 16;

    /// <summary>
    /// The events holding <paramref name="text"/>. <paramref name="events"/> must be the Events set itself, before any
    /// other filter (EventQueries.Apply applies this first): on SQLite the index then drives the query.
    /// </summary>
    public static IQueryable<HookEvent> WhereText(this IQueryable<HookEvent> events, PortalDbContext db, string text)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        if (db.Database.IsSqlite() && text.EnumerateRunes().Count() >= IndexedLength)
        {
            // The candidates drive the query (CROSS JOIN keeps SQLite's join order): left to itself, with `Id IN
            // (candidates)`, the planner chose to walk every event and test each id, i.e. the scan this index avoids;
            // NOT INDEXED: each candidate is read by its id, never through another filter's index (without statistics
            // SQLite chose the app key index, walking every event of the app per candidate).
            var match = MatchExpression(text);
            events = db.Events.FromSql($"""
                SELECT e.* FROM (SELECT rowid AS Id FROM EventSearch WHERE EventSearch MATCH {match}) AS s
                CROSS JOIN Events AS e NOT INDEXED ON e.Id = s.Id
                """).AsNoTracking();
        }
        // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, so there ILIKE gives the same matches.
        events = db is PostgresPortalDbContext
            ? events.Where(e => EF.Functions.ILike(e.Method, pattern, "\\") || EF.Functions.ILike(e.Name!, pattern, "\\") ||
                                EF.Functions.ILike(e.SessionId!, pattern, "\\") || EF.Functions.ILike(e.Body!, pattern, "\\"))
            : events.Where(e => EF.Functions.Like(e.Method, pattern, "\\") || EF.Functions.Like(e.Name!, pattern, "\\") ||
                                EF.Functions.Like(e.SessionId!, pattern, "\\") || EF.Functions.Like(e.Body!, pattern, "\\"));
        if (db.Database.IsSqlite() && text.EnumerateRunes().Count() < IndexedLength)
            events = events.Where(e => e.Id > db.Events.Max(x => x.Id) - ShortTermWindow);
        return events;
    }

    /// <summary>
    /// The FTS5 query for a term: its trigrams, each a quoted string (so that AND, OR, NEAR, *, ^, quotes and the rest
    /// are plain text) joined by AND. Needs a term of at least <see cref="IndexedLength"/> characters.
    /// </summary>
    public static string MatchExpression(string text)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var trigrams = new List<string>();
        for (var i = 0; i + 2 < runes.Length; i++)
        {
            var trigram = runes[i] + runes[i + 1] + runes[i + 2];
            if (!trigrams.Contains(trigram, StringComparer.OrdinalIgnoreCase)) trigrams.Add(trigram);
        }
        // Spread over the term when it has more than the cap, so that its end still narrows the candidates.
        var step = Math.Max(1.0, trigrams.Count / (double)MaxTrigrams);
        var chosen = new StringBuilder();
        for (var k = 0.0; (int)k < trigrams.Count; k += step)
        {
            if (chosen.Length > 0) chosen.Append(" AND ");
            chosen.Append('"').Append(trigrams[(int)k].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return chosen.ToString();
    }

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
