using Microsoft.EntityFrameworkCore;

namespace StreamPortal.Data.Queries;

/// <summary>
/// Who a row concerns: the <c>custom.login</c> the session's connect carried, looked up for one page of rows at a time
/// (one primary-key lookup per distinct session shown). No login column is copied into events or streams, so the hook
/// path writes nothing more, and a login learnt late (a later connect) shows on every row of the session.
/// </summary>
internal static class SessionLogins
{
    public static async Task<Dictionary<string, string>> OfAsync(PortalDbContext db, IEnumerable<string?> sessionIds, CancellationToken ct)
    {
        var ids = sessionIds.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) return [];
        return await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.SessionId) && s.Login != null)
            .ToDictionaryAsync(s => s.SessionId, s => s.Login!, StringComparer.Ordinal, ct);
    }

    public static async Task<List<EventItem>> AddAsync(PortalDbContext db, List<EventItem> items, CancellationToken ct)
    {
        var logins = await OfAsync(db, items.Select(i => i.SessionId), ct);
        return logins.Count == 0 ? items : items.Select(i => i.SessionId is { } s && logins.TryGetValue(s, out var l) ? i with { Login = l } : i).ToList();
    }

    public static async Task<List<StreamItem>> AddAsync(PortalDbContext db, List<StreamItem> items, CancellationToken ct)
    {
        var logins = await OfAsync(db, items.Select(i => i.SessionId), ct);
        return logins.Count == 0 ? items : items.Select(i => i.SessionId is { } s && logins.TryGetValue(s, out var l) ? i with { Login = l } : i).ToList();
    }
}
