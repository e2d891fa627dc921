namespace StreamPortal.Data.Entities;

/// <summary>One publish or play, keyed by WCS's mediaSessionId.</summary>
public sealed class StreamInstance
{
    public string MediaSessionId { get; set; } = "";
    public string? Name { get; set; }
    public string? SessionId { get; set; }
    public string? AppKey { get; set; }
    public string? NodeId { get; set; }
    public bool? Published { get; set; }
    public string? Status { get; set; }
    public string? Info { get; set; }
    public string? MediaProvider { get; set; }
    public bool? HasAudio { get; set; }
    public bool? HasVideo { get; set; }
    public bool? Record { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public long? Bitrate { get; set; }
    public string? AudioCodec { get; set; }
    public string? VideoCodec { get; set; }
    public long FirstSeenMs { get; set; }
    public long LastSeenMs { get; set; }
    public long LastEventId { get; set; }
    public int EventCount { get; set; }
    /// <summary>Closed because its session disconnected while it was still open.</summary>
    public bool EndedWithSession { get; set; }
    public long? EndedByEventId { get; set; }
}
