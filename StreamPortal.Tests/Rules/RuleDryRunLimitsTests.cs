using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Rules;

/// <summary>A dry run is time-boxed and one at a time, so that a slow draft never competes with hooks for long.</summary>
public sealed class RuleDryRunLimitsTests : PortalTest
{
    private const int Stored = 60;
    private static readonly string EvilName = new string('a', 40) + "!";
    // A lookahead keeps the backtracking engine: every evaluation runs into the 50 ms timeout.
    private static readonly string SlowDraft = $$"""
        { "rule": { "name": "slow", "match": { "fields": [ { "path": "name", "op": "regex", "value": "^(?=a)(a+)+$" } ] }, "answer": { "status": 403 } }, "limit": 10000 }
        """;

    private HttpClient _api = null!;

    public override async Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Rules:DryRunTimeoutMs"] = "300";
        _api = Factory.CreateApiClient();
        var hooks = Factory.CreateClient();
        for (var i = 0; i < Stored; i++)
            Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync("publishStream",
                HookClient.StreamHook(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), EvilName, "PENDING"))).StatusCode);
    }

    private Task<HttpResponseMessage> DryRunAsync() =>
        _api.PostAsync("/api/rules/dry-run", new StringContent(SlowDraft, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Before, the run examined every event however long it took (46 s per call with the pattern).</summary>
    [Fact]
    public async Task A_dry_run_stops_at_its_deadline_and_says_it_is_partial()
    {
        var response = await DryRunAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(result["complete"]!.GetValue<bool>());
        Assert.InRange(result["examined"]!.GetValue<int>(), 0, Stored - 1);
        Assert.Equal(0, result["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_second_dry_run_while_one_runs_gets_429_problem_json()
    {
        var dryRun = Factory.Services.GetRequiredService<RuleDryRun>();
        var first = DryRunAsync();
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            while (!dryRun.IsRunning && !first.IsCompleted) await Task.Delay(5, wait.Token);
        Assert.True(dryRun.IsRunning, "the first dry run ended before the second could be sent");

        var second = await DryRunAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.True(second.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }

    [Fact]
    public async Task A_viewer_gets_403_on_a_dry_run()
    {
        var viewerKey = (await Factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("viewer", PortalRoles.Viewer, default)).Key;
        var viewer = Factory.CreateClient();
        viewer.DefaultRequestHeaders.Add("X-Api-Key", viewerKey);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/rules")).StatusCode);
        var response = await viewer.PostAsync("/api/rules/dry-run",
            new StringContent("""{ "rule": { "name": "d", "answer": { "status": 403 } } }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
