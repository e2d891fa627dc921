namespace StreamPortal.Wcs;

/// <summary>The fields of a hook body the portal projects or matches on; everything else stays in the raw body.</summary>
public sealed class HookFields
{
    public string? NodeId { get; set; }
    public string? AppKey { get; set; }
    public string? SessionId { get; set; }
    public string? MediaSessionId { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public string? Info { get; set; }
    public bool? Published { get; set; }
    public bool? HasAudio { get; set; }
    public bool? HasVideo { get; set; }
    public bool? Record { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public long? Bitrate { get; set; }
    public string? MediaProvider { get; set; }
    public string? AudioCodec { get; set; }
    public string? VideoCodec { get; set; }
    public string? Origin { get; set; }
    public string? ClientVersion { get; set; }
    public string? ClientOsVersion { get; set; }
    public string? ClientBrowserVersion { get; set; }
    /// <summary>Raw JSON text of the mediaProviders array.</summary>
    public string? MediaProviders { get; set; }
    /// <summary>Raw JSON text of the custom value.</summary>
    public string? Custom { get; set; }
    /// <summary>custom.login when custom is an object with a string login.</summary>
    public string? Login { get; set; }
}
