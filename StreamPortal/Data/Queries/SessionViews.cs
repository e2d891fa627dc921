using System.Text.Json;

namespace StreamPortal.Data.Queries;

public sealed record SessionFilter
{
    public string? Status { get; init; }
    public string? AppKey { get; init; }
    public string? Origin { get; init; }
    public string? Login { get; init; }
    public string? Q { get; init; }
    public string? Sort { get; init; }
    public bool Descending { get; init; } = true;
}

/// <summary>Not sealed: the detail view is the item plus its streams and events, flat in JSON.</summary>
public record SessionItem(
    string SessionId, string? AppKey, string? NodeId, string? Status, string? Origin, string? Login,
    string? ClientVersion, string? ClientOsVersion, string? ClientBrowserVersion, DateTimeOffset? ConnectedAt,
    DateTimeOffset? DisconnectedAt, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int EventCount,
    JsonElement? RestClientConfig, JsonElement? Custom);

public sealed record SessionDetail : SessionItem
{
    public SessionDetail(SessionItem session, IReadOnlyList<StreamItem> streams, IReadOnlyList<EventItem> events) : base(session)
    {
        Streams = streams;
        Events = events;
    }

    public IReadOnlyList<StreamItem> Streams { get; }
    /// <summary>Every hook of this sessionId, oldest first.</summary>
    public IReadOnlyList<EventItem> Events { get; }
}
