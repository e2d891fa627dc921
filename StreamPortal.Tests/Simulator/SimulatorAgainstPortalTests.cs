using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StreamPortal.Simulator;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Simulator;

/// <summary>
/// The simulator against the real portal on Kestrel (127.0.0.1): a 403 rule on one stream's publish under a connect
/// policy with restOnError FAIL, and a declined connect. What the portal stored must be what the summary says.
/// </summary>
public sealed class SimulatorAgainstPortalTests : PortalTest
{
    private const string RefusedStream = "sim-2-1";
    private const string DeclinedLogin = "pub-4";

    [Fact]
    public async Task Refused_publishes_fail_declined_sessions_end_and_the_summary_equals_what_the_API_reports()
    {
        var baseAddress = Factory.StartOnLoopback();
        using var api = LoopbackServer.SocketClient(baseAddress, withApiKey: true);
        var policy = await api.PutAsJsonAsync("/api/apps/sim/connect-policy", JsonNode.Parse("""{ "restClientConfig": { "publishStream": { "restOnError": "FAIL" } } }"""));
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        await LoopbackServer.AddRuleAsync(baseAddress, $$"""
            { "name": "refuse {{RefusedStream}}", "match": { "methods": ["publishStream"], "streamName": "{{RefusedStream}}" }, "answer": { "status": 403 } }
            """);
        await LoopbackServer.AddRuleAsync(baseAddress, $$"""
            { "name": "decline {{DeclinedLogin}}", "match": { "methods": ["connect"], "fields": [ { "path": "custom.login", "op": "equals", "value": "{{DeclinedLogin}}" } ] }, "answer": { "status": 403 } }
            """);

        using var http = SimulationEngine.CreateHttpClient();
        var options = new SimulationOptions
        {
            Url = new Uri(baseAddress, "/rest/sim").ToString(), Sessions = 5, PublishersPerSession = 2, PlayersPerStream = 2,
            Rate = 1000, DurationSeconds = 1, FailShare = 0.2, Seed = 42,
        };
        var summary = await new SimulationEngine(http, TimeProvider.System).RunAsync(options, new SimulationTally(), default);

        // The refused stream: its publisher FAILED and never PUBLISHING; its players found no stream.
        Assert.Equal(0, await TotalAsync(api, $"/api/events?stream={RefusedStream}&status=PUBLISHING"));
        Assert.Equal(1, await TotalAsync(api, $"/api/events?stream={RefusedStream}&method=publishStream&answerStatus=403"));
        var refused = await api.GetItemsAsync($"/api/streams?name={RefusedStream}&published=true");
        Assert.Equal("FAILED", (string?)Assert.Single(refused)!["status"]);
        Assert.Equal(0, await TotalAsync(api, $"/api/streams?name={RefusedStream}&status=PLAYING"));
        // The declined session: FAILED then DISCONNECTED, and its streams never existed.
        var declined = Assert.Single(await api.GetItemsAsync($"/api/sessions?login={DeclinedLogin}"))!;
        Assert.Equal("DISCONNECTED", (string?)declined["status"]);
        var declinedEvents = await api.GetItemsAsync($"/api/events?sessionId={declined["sessionId"]}&method=ConnectionStatusEvent");
        Assert.Equal(["DISCONNECTED", "FAILED"], declinedEvents.Select(e => (string)e!["status"]!));
        Assert.Equal(0, await TotalAsync(api, "/api/streams?name=sim-4-1&published=true"));
        // The others completed.
        Assert.True(summary.SessionsByOutcome[SessionOutcome.Completed] > 0);
        Assert.Equal(1, summary.SessionsByOutcome[SessionOutcome.Declined]);
        Assert.True(summary.StreamsByOutcome["UNPUBLISHED"] > 0 && summary.StreamsByOutcome["STOPPED"] > 0);

        // The summary is what the portal stored, count for count.
        Assert.Equal(summary.HooksSent, await TotalAsync(api, "/api/events?appKey=sim"));
        foreach (var (method, count) in summary.HooksByMethod)
            Assert.Equal((method, count), (method, await TotalAsync(api, $"/api/events?appKey=sim&method={method}")));
        foreach (var (status, count) in summary.AnswersByStatus)
            Assert.Equal((status, count), (status, await TotalAsync(api, $"/api/events?appKey=sim&answerStatus={status}")));
        Assert.Equal(summary.StreamsByOutcome.Values.Sum(), await TotalAsync(api, "/api/streams?appKey=sim"));
        foreach (var (status, count) in summary.StreamsByOutcome)
            Assert.Equal((status, count), (status, await TotalAsync(api, $"/api/streams?appKey=sim&status={status}")));
        Assert.Equal(summary.SessionsByOutcome.Values.Sum(), await TotalAsync(api, "/api/sessions?appKey=sim"));
        Assert.Equal(summary.SessionsByOutcome.Values.Sum(), await TotalAsync(api, "/api/sessions?appKey=sim&status=DISCONNECTED"));
        Assert.Equal(summary.SessionsByOutcome[SessionOutcome.Declined], await TotalAsync(api, "/api/events?appKey=sim&method=connect&answerStatus=403"));
    }

    private static async Task<int> TotalAsync(HttpClient api, string url) => (int)(await api.GetObjectAsync(url))["total"]!;
}
