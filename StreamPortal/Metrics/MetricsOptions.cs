namespace StreamPortal.Metrics;

/// <summary>StreamPortal:Metrics configuration.</summary>
public sealed class MetricsOptions
{
    public const string Section = "StreamPortal:Metrics";

    /// <summary>
    /// True: anyone who can reach the port may scrape (for a Prometheus on a private network that cannot send a key).
    /// False (default): the scrape needs an API key, as X-Api-Key or Authorization: Bearer.
    /// </summary>
    public bool Anonymous { get; set; }

    /// <summary>Where the Prometheus text is served.</summary>
    public string Path { get; set; } = "/metrics";
}
