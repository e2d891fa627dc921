using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Queries;

/// <summary>
/// Equality filters on session id, media session id and stream name, written against the events' integer keys so
/// that SQLite walks the key indexes. The key is looked up once, inside the same SQL statement; a string never seen
/// has no key and matches nothing (0 is never a key).
/// </summary>
internal static class EventKeyFilters
{
    public static IQueryable<HookEvent> WhereSessionId(this IQueryable<HookEvent> q, IQueryable<EventKey> keys, string sessionId) =>
        q.Where(e => e.SessionKey == keys.Where(k => k.Value == sessionId).Select(k => k.Id).FirstOrDefault());

    public static IQueryable<HookEvent> WhereMediaSessionId(this IQueryable<HookEvent> q, IQueryable<EventKey> keys, string mediaSessionId) =>
        q.Where(e => e.MediaSessionKey == keys.Where(k => k.Value == mediaSessionId).Select(k => k.Id).FirstOrDefault());

    public static IQueryable<HookEvent> WhereName(this IQueryable<HookEvent> q, IQueryable<EventKey> keys, string name) =>
        q.Where(e => e.NameKey == keys.Where(k => k.Value == name).Select(k => k.Id).FirstOrDefault());
}
