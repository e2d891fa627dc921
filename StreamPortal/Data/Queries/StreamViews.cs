namespace StreamPortal.Data.Queries;

public sealed record StreamFilter
{
    public string? Name { get; init; }
    public string? Status { get; init; }
    public string? AppKey { get; init; }
    public bool? Published { get; init; }
    public string? NodeId { get; init; }
    public string? SessionId { get; init; }
    public long? FromMs { get; init; }
    public long? ToMs { get; init; }
    /// <summary>Column to sort by (name, status, firstSeen, lastSeen); newest first-seen first by default (indexed).</summary>
    public string? Sort { get; init; }
    public bool Descending { get; init; } = true;
}

/// <summary>Not sealed: the detail view is the item plus its timeline, flat in JSON.</summary>
public record StreamItem(
    string MediaSessionId, string? Name, string? SessionId, string? AppKey, string? NodeId, bool? Published,
    string? Status, string? Info, string? MediaProvider, bool? HasAudio, bool? HasVideo, int? Width, int? Height,
    string? AudioCodec, string? VideoCodec, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int EventCount,
    bool EndedWithSession, long? EndedByEventId)
{
    /// <summary>The session's <c>custom.login</c>, where a list looked it up (see <see cref="SessionLogins"/>).</summary>
    public string? Login { get; init; }
}

public sealed record StreamDetail : StreamItem
{
    public StreamDetail(StreamItem stream, IReadOnlyList<EventItem> events, IReadOnlyList<StreamItem> players) : base(stream)
    {
        Events = events;
        Players = players;
    }

    /// <summary>Every hook of this mediaSessionId, oldest first.</summary>
    public IReadOnlyList<EventItem> Events { get; }
    /// <summary>For a publisher: the play instances of its name.</summary>
    public IReadOnlyList<StreamItem> Players { get; }
}
