using StackExchange.Redis;

namespace StreamPortal.Cluster;

/// <summary>
/// Tells the other instances that this one committed a configuration change (see <see cref="ConfigChange"/>); a no-op
/// without clustering. Called after the commit and after this instance's own reload, so the sender is never behind.
/// </summary>
public sealed class ConfigChangeNotifier(ClusterRedis redis, ILogger<ConfigChangeNotifier> logger)
{
    public const string ChannelName = "config";

    /// <summary>
    /// Who sent a message: one id per running portal (not the instance name: two processes given the same name, or two
    /// test portals in one process, must still hear each other).
    /// </summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Fire and forget: an admin's save never waits on Redis. A message that cannot be sent now is not retried: the
    /// receivers reload everything when their Redis connection comes back, and periodically (<see cref="ConfigSync"/>).
    /// </summary>
    public void Notify(ConfigChange change)
    {
        if (!redis.Enabled || redis.Connection is not { } connection) return;
        try
        {
            connection.GetSubscriber().Publish(redis.Channel(ChannelName), change.Format(Origin), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not tell the other instances about a {Topic} change; they pick it up when Redis is back or at their periodic reload.", change.Topic);
        }
    }

    public void Notify(ConfigTopic topic, string? subject = null, string? client = null) => Notify(new ConfigChange(topic, subject, client));
}
