using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Cluster;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// Two clustered instances ("a" and "b") on one PostgreSQL database and one Redis server of the test's own, with a
/// channel prefix of their own. The periodic configuration reload is off, so what a test sees travelled by the change
/// messages (or the reload after Redis returns), not by the safety net.
/// </summary>
public sealed class ClusterPair : IAsyncDisposable
{
    private ClusterPair(RedisServer redis, PostgresDatabase database, PortalFactory a, PortalFactory b)
    {
        Redis = redis;
        Database = database;
        A = a;
        B = b;
    }

    public RedisServer Redis { get; }
    public PostgresDatabase Database { get; }
    public PortalFactory A { get; }
    public PortalFactory B { get; }

    /// <summary>Starts both instances together (as after a cluster restart) and waits until both have joined Redis.</summary>
    public static async Task<ClusterPair> StartAsync(Action<Dictionary<string, string?>>? settings = null)
    {
        var redis = await RedisServer.StartAsync();
        var database = new PostgresDatabase();
        var prefix = $"test-{Guid.NewGuid():N}"[..20];
        var pair = new ClusterPair(redis, database, Instance(database, redis, prefix, "a"), Instance(database, redis, prefix, "b"));
        settings?.Invoke(pair.A.Settings);
        settings?.Invoke(pair.B.Settings);
        await Task.WhenAll(Task.Run(() => pair.A.CreateClient()), Task.Run(() => pair.B.CreateClient()));
        await WaitUntilAsync(() => pair.Connected(pair.A) && pair.Connected(pair.B), TimeSpan.FromSeconds(20), "both instances connected to Redis");
        return pair;
    }

    public bool Connected(PortalFactory instance) => instance.Services.GetRequiredService<ClusterRedis>().IsConnected;

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds; fails with <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what) =>
        await WaitUntilAsync(() => Task.FromResult(condition()), limit, what);

    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(started.Elapsed < limit, $"Not within {limit.TotalSeconds} s: {what}");
            await Task.Delay(10);
        }
        return started.Elapsed;
    }

    private static PortalFactory Instance(PostgresDatabase database, RedisServer redis, string prefix, string name)
    {
        var factory = new PortalFactory(database);
        factory.Settings["StreamPortal:Cluster:Redis"] = redis.Configuration;
        factory.Settings["StreamPortal:Cluster:InstanceName"] = name;
        factory.Settings["StreamPortal:Cluster:ChannelPrefix"] = prefix;
        factory.Settings["StreamPortal:Cluster:ConfigReloadSeconds"] = "0";
        return factory;
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        Database.Dispose();
    }
}
