namespace StreamPortal.Cluster;

/// <summary>
/// StreamPortal:Cluster: several instances on one PostgreSQL database, joined through Redis. Without
/// <see cref="Redis"/> the portal is a single instance and nothing here runs.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "StreamPortal:Cluster";

    /// <summary>A StackExchange.Redis configuration string (e.g. "127.0.0.1:6379,password=..."); set, clustering is on.</summary>
    public string? Redis { get; set; }

    /// <summary>This instance's name, recorded with every event it answers; the host name when not set.</summary>
    public string? InstanceName { get; set; }

    /// <summary>
    /// The prefix of every Redis channel and key the portal uses, so that several clusters (or test runs) can share one
    /// Redis server without hearing each other.
    /// </summary>
    public string ChannelPrefix { get; set; } = "streamportal";

    /// <summary>
    /// Every this many seconds an instance reads its whole configuration again (0: never), as a safety net under the
    /// change messages (see ConfigSync); changes normally arrive within a second through Redis.
    /// </summary>
    public int ConfigReloadSeconds { get; set; } = 30;

    /// <summary>
    /// How long a hook waits at most for Redis to take a hit of a max-hits rule before this instance counts it on its
    /// own (see RedisHitCounter). Only hooks that reach a max-hits rule ever wait.
    /// </summary>
    public int MaxHitsTimeoutMs { get; set; } = 250;

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The name this instance goes by: <see cref="InstanceName"/>, else the host name.</summary>
    public string Instance => string.IsNullOrWhiteSpace(InstanceName) ? Environment.MachineName : InstanceName.Trim();
}
