using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Queries;

/// <summary>
/// The free-text filter <c>q</c> of Events: a case-insensitive (ASCII letters) substring of the method, stream name,
/// session id or body, taken literally. The one place that knows how each store finds it.
/// </summary>
/// <remarks>
/// It reads every body (about 0.7 s at 1,000,000 events on SQLite). An FTS5 trigram index was tried and measured: JSON
/// bodies share most of their trigrams (the keys), so each insert rewrote long doclists and workload 1 fell from about
/// 14,000 to 1,200 hooks/s (bench/RESULTS.md); it was taken out rather than put on the hook path.
/// </remarks>
internal static class EventTextSearch
{
    public static IQueryable<HookEvent> WhereText(this IQueryable<HookEvent> events, PortalDbContext db, string text)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, so there ILIKE gives the same matches.
        return db is PostgresPortalDbContext
            ? events.Where(e => EF.Functions.ILike(e.Method, pattern, "\\") || EF.Functions.ILike(e.Name!, pattern, "\\") ||
                                EF.Functions.ILike(e.SessionId!, pattern, "\\") || EF.Functions.ILike(e.Body!, pattern, "\\"))
            : events.Where(e => EF.Functions.Like(e.Method, pattern, "\\") || EF.Functions.Like(e.Name!, pattern, "\\") ||
                                EF.Functions.Like(e.SessionId!, pattern, "\\") || EF.Functions.Like(e.Body!, pattern, "\\"));
    }

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
