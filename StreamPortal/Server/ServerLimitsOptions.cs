namespace StreamPortal.Server;

/// <summary>
/// StreamPortal:Server: Kestrel's limits. A flood of connections or slow requests must be refused at the door,
/// not let in until the process runs out of file descriptors or memory.
/// </summary>
public sealed class ServerLimitsOptions
{
    public const string Section = "StreamPortal:Server";

    /// <summary>
    /// Open connections beyond this are closed at once. Sized well below a usual 20,000 file-descriptor limit,
    /// which the SQLite files, the console's WebSockets and the runtime also need.
    /// </summary>
    public int MaxConcurrentConnections { get; set; } = 10_000;

    /// <summary>Upgraded connections (the console's WebSockets) have a count of their own.</summary>
    public int MaxConcurrentUpgradedConnections { get; set; } = 1_000;

    /// <summary>All request headers together; WCS sends well under 1 KiB.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>How long a client may take to send its request headers.</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// How long an idle connection is kept open. Kestrel's default: shorter would make a client that reuses a
    /// connection the portal just closed lose a POST, which HTTP clients do not retry.
    /// </summary>
    public int KeepAliveTimeoutSeconds { get; set; } = 130;

    /// <summary>A request body arriving slower than this (after the grace period) is cut and answered 408.</summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a body may arrive below the minimum rate before it is cut (Kestrel requires more than 1 s).</summary>
    public int MinRequestBodyGraceSeconds { get; set; } = 5;
}
