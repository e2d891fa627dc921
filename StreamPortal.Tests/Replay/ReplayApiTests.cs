using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Replay;

public sealed class ReplayApiTests : PortalTest
{
    private static async Task<JsonObject> ReplayAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task A_replay_is_stored_as_a_replay_of_its_original_and_answers_both_answers()
    {
        var hooks = Factory.CreateClient();
        var original = HookClient.StreamHook("rep-1", "s-rep", "replayed", "PUBLISHING");
        await hooks.PostHookAsync("StreamStatusEvent", original);
        var api = Factory.CreateApiClient();
        var originalId = (await api.GetItemsAsync("/api/events?sessionId=s-rep"))[0]!["id"]!.GetValue<long>();

        var edited = original.DeepClone().AsObject();
        edited["info"] = "edited before the replay";
        var run = await ReplayAsync(api, $"/api/events/{originalId}/replay", new { body = edited, pace = "fast" });

        Assert.Equal("this portal", run["target"]!.GetValue<string>());
        var outcome = Assert.Single(run["events"]!.AsArray())!;
        Assert.Equal(originalId, outcome["originalId"]!.GetValue<long>());
        Assert.Equal(200, outcome["original"]!["status"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(original, JsonNode.Parse(outcome["original"]!["rawBody"]!.GetValue<string>())));
        // The replay's own answer, beside the original's: the portal mirrored the edited body.
        Assert.Equal(200, outcome["replay"]!["status"]!.GetValue<int>());
        Assert.Equal("edited before the replay", outcome["replay"]!["body"]!["info"]!.GetValue<string>());

        var replayId = outcome["replayId"]!.GetValue<long>();
        var stored = await api.GetObjectAsync($"/api/events/{replayId}");
        Assert.Equal(originalId, stored["replayOf"]!.GetValue<long>());
        Assert.Equal("edited before the replay", stored["info"]!.GetValue<string>());
        Assert.Null((await api.GetObjectAsync($"/api/events/{originalId}"))["replayOf"]);
        var listed = (await api.GetItemsAsync("/api/events?sessionId=s-rep")).Select(i => i!["replayOf"]?.GetValue<long>()).ToList();
        Assert.Equal([originalId, null], listed);
    }

    [Fact]
    public async Task A_replay_gets_the_answer_the_rules_give_now()
    {
        var baseAddress = Factory.StartOnLoopback();
        using var hooks = LoopbackServer.SocketClient(baseAddress);
        await hooks.PostHookAsync("publishStream", HookClient.StreamHook("rep-rule", "s-rule", "ruled", "PENDING"));
        using var api = LoopbackServer.SocketClient(baseAddress, withApiKey: true);
        var originalId = (await api.GetItemsAsync("/api/events?sessionId=s-rule"))[0]!["id"]!.GetValue<long>();
        await LoopbackServer.AddRuleAsync(baseAddress, """
            {"name":"refuse publish","enabled":true,"match":{"methods":["publishStream"]},"answer":{"status":403}}
            """);

        var run = await ReplayAsync(api, $"/api/events/{originalId}/replay", new { });

        var outcome = run["events"]![0]!;
        Assert.Equal(200, outcome["original"]!["status"]!.GetValue<int>());
        Assert.Equal(403, outcome["replay"]!["status"]!.GetValue<int>());
        var stored = await api.GetObjectAsync($"/api/events/{outcome["replayId"]!.GetValue<long>()}");
        Assert.Equal(403, stored["answerStatus"]!.GetValue<int>());
        Assert.Equal("refuse publish", stored["ruleName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_session_replay_resends_its_hooks_in_their_original_order()
    {
        var hooks = Factory.CreateClient();
        await hooks.PostHookAsync("connect", HookClient.ConnectionHook("s-order"));
        await hooks.PostHookAsync("ConnectionStatusEvent", HookClient.ConnectionHook("s-order", "ESTABLISHED"));
        await hooks.PostHookAsync("publishStream", HookClient.StreamHook("ord-1", "s-order", "ordered", "PENDING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("ord-1", "s-order", "ordered", "PUBLISHING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("ord-1", "s-order", "ordered", "UNPUBLISHED"));
        await hooks.PostHookAsync("ConnectionStatusEvent", HookClient.ConnectionHook("s-order", "DISCONNECTED"));
        var api = Factory.CreateApiClient();
        var originals = (await api.GetItemsAsync("/api/events?sessionId=s-order")).Select(i => i!["id"]!.GetValue<long>()).Reverse().ToList();

        var run = await ReplayAsync(api, "/api/sessions/s-order/replay", new { pace = "original" });

        var outcomes = run["events"]!.AsArray();
        Assert.Equal(originals, outcomes.Select(o => o!["originalId"]!.GetValue<long>()));
        var replayIds = outcomes.Select(o => o!["replayId"]!.GetValue<long>()).ToList();
        Assert.Equal(replayIds.Order(), replayIds);
        Assert.All(replayIds, id => Assert.True(id > originals[^1]));
        // Stored in the same order, each pointing at its original; the session ends as it ended.
        var stored = (await api.GetItemsAsync("/api/events?sessionId=s-order&pageSize=100")).Reverse().Skip(originals.Count).ToList();
        Assert.Equal(originals, stored.Select(e => e!["replayOf"]!.GetValue<long>()));
        Assert.Equal(["connect", "ConnectionStatusEvent", "publishStream", "StreamStatusEvent", "StreamStatusEvent", "ConnectionStatusEvent"],
            stored.Select(e => e!["method"]!.GetValue<string>()));
        Assert.Equal("DISCONNECTED", (await api.GetObjectAsync("/api/sessions/s-order"))["status"]!.GetValue<string>());

        // A second session replay sends the originals again, not the replays too.
        var again = await ReplayAsync(api, "/api/sessions/s-order/replay", new { pace = "fast" });
        Assert.Equal(originals, again["events"]!.AsArray().Select(o => o!["originalId"]!.GetValue<long>()));

        var stream = await ReplayAsync(api, "/api/streams/ord-1/replay", new { pace = "fast" });
        Assert.Equal(3, stream["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_replay_to_another_url_stores_the_answer_that_backend_gave()
    {
        await using var other = new PortalFactory();
        var otherBase = other.StartOnLoopback();
        await LoopbackServer.AddRuleAsync(otherBase, """
            {"name":"teapot","enabled":true,"match":{"methods":["StreamStatusEvent"]},"answer":{"status":418}}
            """);
        var hooks = Factory.CreateClient();
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("rep-far", "s-far", "far", "PUBLISHING"));
        var api = Factory.CreateApiClient();
        var originalId = (await api.GetItemsAsync("/api/events?sessionId=s-far"))[0]!["id"]!.GetValue<long>();

        var run = await ReplayAsync(api, $"/api/events/{originalId}/replay", new { url = new Uri(otherBase, "/rest/far_api").AbsoluteUri });

        var outcome = run["events"]![0]!;
        Assert.Equal(200, outcome["original"]!["status"]!.GetValue<int>());
        Assert.Equal(418, outcome["replay"]!["status"]!.GetValue<int>());
        var stored = await api.GetObjectAsync($"/api/events/{outcome["replayId"]!.GetValue<long>()}");
        Assert.Equal(418, stored["answerStatus"]!.GetValue<int>());
        Assert.Equal(originalId, stored["replayOf"]!.GetValue<long>());
        Assert.True(stored["latencyMs"]!.GetValue<double>() > 0);
        // The other portal got the hook on its own app segment; this portal's stream did not move.
        Assert.Equal(1, other.CountEvents("StreamStatusEvent", "App = 'far_api'"));
        Assert.Equal(1, (await api.GetObjectAsync("/api/streams/rep-far"))["eventCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_hook_cannot_claim_to_be_a_replay()
    {
        var hooks = Factory.CreateClient();
        await hooks.PostRawHookAsync("StreamStatusEvent", HookClient.StreamHook("forged", "s-forged", "forged", "PUBLISHING").ToJsonString(),
            configure: r => r.Headers.Add("X-StreamPortal-Replay-Of", "1"));
        var stored = (await Factory.CreateApiClient().GetItemsAsync("/api/events?sessionId=s-forged"))[0]!;
        Assert.Null(stored["replayOf"]);
    }

    [Theory]
    [InlineData("/api/events/1/replay", """{"url":"ftp://x/rest"}""", "url")]
    [InlineData("/api/events/1/replay", """{"url":"/relative"}""", "url")]
    [InlineData("/api/events/1/replay", """{"body":[1,2]}""", "body")]
    [InlineData("/api/events/1/replay", """{"pace":"slow"}""", "pace")]
    [InlineData("/api/events/abc/replay", """{}""", "id")]
    [InlineData("/api/events/1/replay", """{not json""", "$")]
    [InlineData("/api/sessions/s1/replay", """{"pace":""", "pace")]
    [InlineData("/api/sessions/s1/replay", """{"body":{"a":1}}""", "body")]
    [InlineData("/api/streams/m1/replay", """{"body":{"a":1}}""", "body")]
    public async Task Bad_replay_requests_are_problems_naming_the_field(string url, string body, string field)
    {
        var response = await Factory.CreateApiClient().PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Replaying_nothing_is_not_found()
    {
        var api = Factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/events/999999/replay", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/sessions/nobody/replay", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/streams/nothing/replay", new { })).StatusCode);
    }

    [Fact]
    public async Task A_session_id_with_slashes_replays_and_bundles_when_encoded()
    {
        const string id = "/192.168.1.102:4388/192.168.1.101:8443";
        await Factory.CreateClient().PostHookAsync("connect", HookClient.ConnectionHook(id));
        var api = Factory.CreateApiClient();

        var run = await ReplayAsync(api, $"/api/sessions/{Uri.EscapeDataString(id)}/replay", new { pace = "fast" });
        Assert.Single(run["events"]!.AsArray());
        var bundle = await api.GetObjectAsync($"/api/sessions/{Uri.EscapeDataString(id)}/bundle");
        Assert.Equal(id, bundle["scope"]!["id"]!.GetValue<string>());
        Assert.Equal(2, bundle["events"]!.AsArray().Count);
    }
}
