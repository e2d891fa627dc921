using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamPortal.Cluster;

/// <summary>
/// This instance's one connection to the cluster's Redis (StackExchange.Redis multiplexes everything over it), or
/// none when clustering is off. Connecting never blocks the start nor fails it: Redis is not on the hook path, so an
/// instance that starts while Redis is away answers and stores hooks and joins the cluster when Redis comes back
/// (the client reconnects by itself).
/// </summary>
public sealed class ClusterRedis(IOptions<ClusterOptions> options, ILogger<ClusterRedis> logger) : IAsyncDisposable
{
    private readonly ClusterOptions _options = options.Value;
    private readonly Lazy<ConnectionMultiplexer?> _connection = new(() => Connect(options.Value, logger));

    public bool Enabled => _options.Enabled;

    /// <summary>This instance's name (see <see cref="ClusterOptions.Instance"/>).</summary>
    public string Instance => _options.Instance;

    /// <summary>The multiplexer, or null when clustering is off. Created on first use, connecting in the background.</summary>
    public ConnectionMultiplexer? Connection => _options.Enabled ? _connection.Value : null;

    /// <summary>Whether Redis can be reached now (false when clustering is off).</summary>
    public bool IsConnected => Connection?.IsConnected ?? false;

    /// <summary>
    /// A channel of this cluster ("prefix:name" on the wire): the connection adds the prefix to every channel, its
    /// users' and SignalR's backplane's alike, which keeps clusters sharing one Redis apart.
    /// </summary>
    public RedisChannel Channel(string name) => RedisChannel.Literal(name);

    /// <summary>A key of this cluster (same prefix as the channels).</summary>
    public RedisKey Key(string name) => $"{_options.ChannelPrefix}:{name}";

    private static ConnectionMultiplexer? Connect(ClusterOptions options, ILogger logger)
    {
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        // Start and keep retrying in the background instead of throwing when Redis is not there yet.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = $"{options.ChannelPrefix}-{options.Instance}";
        configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix + ":");
        var connection = ConnectionMultiplexer.Connect(configuration);
        connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({FailureType}): the live view of other instances and cluster-wide counters are degraded until it is back.", e.FailureType);
        connection.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored.");
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value is { } connection) await connection.DisposeAsync();
    }
}
