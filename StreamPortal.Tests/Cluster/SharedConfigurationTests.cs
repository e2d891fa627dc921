using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;
using Xunit.Abstractions;

namespace StreamPortal.Tests.Cluster;

/// <summary>
/// A change made on one instance is in force on the other within a second (a message on Redis, then a reload from the
/// database), and a change made while Redis was away is picked up once it is back.
/// </summary>
public sealed class SharedConfigurationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    [ClusterFact]
    public async Task A_rule_created_on_a_refuses_the_next_matching_hook_sent_to_b_within_one_second()
    {
        await using var pair = await ClusterPair.StartAsync();
        var b = pair.B.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await b.PostHookAsync("connect", HookClient.ConnectionHook("before-rule"))).StatusCode);

        var created = await pair.A.CreateApiClient().PostAsJsonAsync("/api/rules", RefuseConnect());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clock = Stopwatch.StartNew();
        var probe = 0;
        var elapsed = await ClusterPair.WaitUntilAsync(async () =>
            (await b.PostHookAsync("connect", HookClient.ConnectionHook($"probe-{probe++}"))).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(5), "b refuses connect after the rule was created on a");
        output.WriteLine($"rule propagation a -> b: {clock.Elapsed.TotalMilliseconds:F0} ms ({probe} probes)");
        Assert.True(elapsed < Propagation, $"b refused only after {elapsed.TotalMilliseconds:F0} ms");
    }

    [ClusterFact]
    public async Task An_api_key_created_on_a_works_on_b_and_once_revoked_on_a_no_longer_works_on_b_within_one_second()
    {
        await using var pair = await ClusterPair.StartAsync();
        var keys = pair.A.Services.GetRequiredService<ApiKeyStore>();
        var created = await keys.CreateAsync("cluster key", PortalRoles.Viewer, CancellationToken.None);
        var b = pair.B.CreateClient();
        b.DefaultRequestHeaders.Add(PortalRoles.ApiKeyHeader, created.Key);

        await ClusterPair.WaitUntilAsync(async () => (await b.GetAsync("/api/rules")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "the key created on a is accepted by b");

        Assert.True(await keys.RevokeAsync(created.Item.Id, CancellationToken.None));
        var elapsed = await ClusterPair.WaitUntilAsync(async () => (await b.GetAsync("/api/rules")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "the key revoked on a is refused by b");
        output.WriteLine($"key revocation a -> b: {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(elapsed < Propagation, $"b refused the revoked key only after {elapsed.TotalMilliseconds:F0} ms");
    }

    [ClusterFact]
    public async Task The_pass_through_switch_set_on_a_is_in_force_on_b()
    {
        await using var pair = await ClusterPair.StartAsync();
        var onB = pair.B.Services.GetRequiredService<PassThroughSwitch>();
        var set = await pair.A.CreateApiClient().PutAsJsonAsync("/api/pass-through", new { on = true });
        Assert.True(set.IsSuccessStatusCode, $"{(int)set.StatusCode}");
        await ClusterPair.WaitUntilAsync(() => onB.IsOn, TimeSpan.FromSeconds(5), "b's pass-through is on");
    }

    [ClusterFact]
    public async Task A_rule_created_on_a_while_redis_is_away_is_in_force_on_b_once_redis_is_back()
    {
        await using var pair = await ClusterPair.StartAsync();
        var b = pair.B.CreateClient();
        await pair.Redis.StopAsync();
        await ClusterPair.WaitUntilAsync(() => !pair.Connected(pair.A) && !pair.Connected(pair.B), TimeSpan.FromSeconds(20), "both instances saw Redis go");

        var created = await pair.A.CreateApiClient().PostAsJsonAsync("/api/rules", RefuseConnect());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Nothing told b (and its periodic reload is off in these tests): it still answers by its old snapshot.
        Assert.Equal(HttpStatusCode.OK, (await b.PostHookAsync("connect", HookClient.ConnectionHook("while-away"))).StatusCode);

        await pair.Redis.RestartAsync();
        var probe = 0;
        await ClusterPair.WaitUntilAsync(async () =>
            (await b.PostHookAsync("connect", HookClient.ConnectionHook($"after-{probe++}"))).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(30), "b applies the rule created while Redis was away");
    }

    private static JsonObject RefuseConnect() => new()
    {
        ["name"] = "refuse connects",
        ["match"] = new JsonObject { ["methods"] = new JsonArray("connect") },
        ["answer"] = new JsonObject { ["status"] = 403 },
    };
}
