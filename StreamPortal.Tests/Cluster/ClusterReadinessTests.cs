using System.Net;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Cluster;

/// <summary>
/// /readyz of a clustered instance follows Redis without leaving the balancer's rotation: Redis away is Degraded
/// (still 200, hooks are still answered and stored), and it is Healthy again once Redis is back.
/// </summary>
public sealed class ClusterReadinessTests
{
    [ClusterFact]
    public async Task Readyz_is_degraded_but_200_while_redis_is_away_and_hooks_are_still_answered_and_stored()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var portal = new PortalFactory(PortalStore.Postgres);
        portal.Settings["StreamPortal:Cluster:Redis"] = redis.Configuration;
        portal.Settings["StreamPortal:Cluster:InstanceName"] = "ready-a";
        var client = portal.CreateClient();

        await WaitForReadyzAsync(client, "Healthy");

        await redis.StopAsync();
        await WaitForReadyzAsync(client, "Degraded");
        var answer = await client.PostHookAsync("connect", Fixtures.Lifecycle()[0].Body);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, await portal.CountStoredEventsAsync());

        await redis.RestartAsync();
        await WaitForReadyzAsync(client, "Healthy");
    }

    [ClusterFact]
    public async Task An_instance_started_while_redis_is_away_answers_hooks_and_joins_when_redis_comes()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync();
        await using var portal = new PortalFactory(PortalStore.Postgres);
        portal.Settings["StreamPortal:Cluster:Redis"] = redis.Configuration;
        portal.Settings["StreamPortal:Cluster:InstanceName"] = "ready-b";
        var client = portal.CreateClient();

        var answer = await client.PostHookAsync("connect", Fixtures.Lifecycle()[0].Body);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await WaitForReadyzAsync(client, "Degraded");

        await redis.RestartAsync();
        await WaitForReadyzAsync(client, "Healthy");
    }

    /// <summary>Waits (bounded) until /readyz answers 200 with <paramref name="expected"/> as its status word.</summary>
    private static async Task WaitForReadyzAsync(HttpClient client, string expected) =>
        await ClusterPair.WaitUntilAsync(async () =>
        {
            var response = await client.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == expected;
        }, TimeSpan.FromSeconds(20), $"/readyz 200 {expected}");
}
