namespace StreamPortal.Data.Entities;

/// <summary>One WCS WebSocket connection, keyed by sessionId.</summary>
public sealed class ClientSession
{
    public string SessionId { get; set; } = "";
    public string? AppKey { get; set; }
    public string? NodeId { get; set; }
    public string? Status { get; set; }
    public string? Origin { get; set; }
    public string? ClientVersion { get; set; }
    public string? ClientOsVersion { get; set; }
    public string? ClientBrowserVersion { get; set; }
    public string? MediaProviders { get; set; }
    /// <summary>The raw JSON of the client's custom object.</summary>
    public string? Custom { get; set; }
    public string? Login { get; set; }
    /// <summary>The restClientConfig JSON the portal returned to this session's connect.</summary>
    public string? RestClientConfig { get; set; }
    public long? ConnectedAtMs { get; set; }
    public long? DisconnectedAtMs { get; set; }
    public long FirstSeenMs { get; set; }
    public long LastSeenMs { get; set; }
    public int EventCount { get; set; }
}
