using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Rules;

/// <summary>Rules and connect policies through the API, biting on real hooks, against the real app and SQLite file.</summary>
public sealed class RulesApiTests : PortalTest
{
    private HttpClient _api = null!;
    private HttpClient _hooks = null!;

    public override Task InitializeAsync()
    {
        _api = Factory.CreateApiClient();
        _hooks = Factory.CreateClient();
        return Task.CompletedTask;
    }

    private async Task<JsonObject> CreateRuleAsync(JsonObject rule)
    {
        var response = await _api.PostAsJsonAsync("/api/rules", rule);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject Publish(string name, string login = "alice", string? sessionId = null) =>
        HookClient.StreamHook(Guid.NewGuid().ToString(), sessionId ?? Guid.NewGuid().ToString(), name, "PENDING") is var b
            ? Add(b, "custom", new JsonObject { ["login"] = login }) : null!;

    private static JsonObject Add(JsonObject o, string key, JsonNode value) { o[key] = value; return o; }

    private async Task<JsonObject> LastEventAsync(string method)
    {
        var item = (await _api.GetItemsAsync($"/api/events?method={method}&pageSize=1"))[0]!;
        return await _api.GetObjectAsync($"/api/events/{item["id"]}");
    }

    [Fact]
    public async Task A_publishStream_rule_for_vip_names_answers_403_and_the_event_records_it()
    {
        var rule = await CreateRuleAsync(JsonNode.Parse("""
            { "name": "no vip", "match": { "methods": ["publishStream"], "streamName": "vip-*" }, "answer": { "status": 403 } }
            """)!.AsObject());

        var denied = await _hooks.PostHookAsync("publishStream", Publish("vip-1"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var evt = await LastEventAsync("publishStream");
        Assert.Equal(403, evt["answerStatus"]!.GetValue<int>());
        Assert.Equal(rule["id"]!.GetValue<long>(), evt["ruleId"]!.GetValue<long>());
        Assert.Equal("no vip", evt["ruleName"]!.GetValue<string>());
        Assert.Equal(0, evt["delayMs"]!.GetValue<int>());

        var allowed = await _hooks.PostHookAsync("publishStream", Publish("free-1"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var plain = await LastEventAsync("publishStream");
        Assert.Null(plain["ruleId"]);
        Assert.Equal(200, plain["answerStatus"]!.GetValue<int>());

        var stored = await _api.GetObjectAsync($"/api/rules/{rule["id"]}");
        Assert.Equal(1, stored["hitCount"]!.GetValue<long>());
        Assert.NotNull(stored["lastHitAt"]);
        Assert.Contains("publishes anyway", stored["predictedEffect"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rule_on_custom_login_refuses_one_users_connect()
    {
        await CreateRuleAsync(JsonNode.Parse("""
            { "name": "ban mallory", "match": { "methods": ["connect"], "fields": [ { "path": "custom.login", "op": "equals", "value": "mallory" } ] },
              "answer": { "status": 403, "body": { "mode": "custom", "json": { "reason": "banned" } } } }
            """)!.AsObject());

        var mallorySession = Guid.NewGuid().ToString();
        var refused = await _hooks.PostHookAsync("connect", HookClient.ConnectionHook(mallorySession, login: "mallory"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("banned", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
        var evt = await LastEventAsync("connect");
        Assert.Equal("ban mallory", evt["ruleName"]!.GetValue<string>());
        Assert.Equal("banned", evt["answerBody"]!["reason"]!.GetValue<string>());
        Assert.Equal("REFUSED", (await _api.GetObjectAsync($"/api/sessions/{mallorySession}"))["status"]!.GetValue<string>());

        var alice = await _hooks.PostHookAsync("connect", HookClient.ConnectionHook(Guid.NewGuid().ToString(), login: "alice"));
        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
    }

    [Fact]
    public async Task Connect_answers_carry_the_apps_restClientConfig_and_the_session_stores_it()
    {
        var put = await _api.PutAsJsonAsync("/api/apps/defaultApp/connect-policy", JsonNode.Parse("""
            { "restClientConfig": { "publishStream": { "restOnError": "FAIL", "restPolicy": "OVERWRITE", "restOverwrite": "name, record" } } }
            """));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await _api.PutAsJsonAsync("/api/apps/default/connect-policy", JsonNode.Parse("""
            { "restClientConfig": { "StreamStatusEvent": { "restOnError": "FAIL" } } }
            """));

        var sessionId = Guid.NewGuid().ToString();
        var body = HookClient.ConnectionHook(sessionId);
        var answer = JsonNode.Parse(await (await _hooks.PostHookAsync("connect", body)).Content.ReadAsStringAsync())!.AsObject();
        var config = answer["restClientConfig"]!["publishStream"]!;
        Assert.Equal("FAIL", config["restOnError"]!.GetValue<string>());
        Assert.Equal("name,record", config["restOverwrite"]!.GetValue<string>());
        Assert.Equal("", config["restExclude"]!.GetValue<string>());
        Assert.Equal(body["custom"]!.ToJsonString(), answer["custom"]!.ToJsonString());

        var session = await _api.GetObjectAsync($"/api/sessions/{sessionId}");
        Assert.True(JsonNode.DeepEquals(answer["restClientConfig"], session["restClientConfig"]));

        // Another app falls back to the default policy.
        var other = HookClient.ConnectionHook(Guid.NewGuid().ToString());
        other["appKey"] = "otherApp";
        var otherAnswer = JsonNode.Parse(await (await _hooks.PostHookAsync("connect", other)).Content.ReadAsStringAsync())!;
        Assert.Equal("FAIL", otherAnswer["restClientConfig"]!["StreamStatusEvent"]!["restOnError"]!.GetValue<string>());
        Assert.Null(otherAnswer["restClientConfig"]!["publishStream"]);
        var view = await _api.GetObjectAsync("/api/apps/otherApp/connect-policy");
        Assert.Equal("default", view["source"]!.GetValue<string>());

        // And the predicted effect follows the app's policy.
        var rule = await CreateRuleAsync(JsonNode.Parse("""{ "name": "deny", "match": { "methods": ["publishStream"], "appKey": "defaultApp" }, "answer": { "status": 403 } }""")!.AsObject());
        Assert.Contains("the operation is aborted", rule["predictedEffect"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_connect_policy_gets_400_listing_every_error_and_a_deleted_one_falls_back_to_default()
    {
        var bad = await _api.PutAsJsonAsync("/api/apps/shop/connect-policy", JsonNode.Parse("""
            { "restClientConfig": { "publishStream": { "restOnError": "EXPLODE", "restPolicy": "SOMETIMES" }, "publishStrem": {} } }
            """));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(new[] { "restClientConfig.publishStream.restOnError", "restClientConfig.publishStream.restPolicy", "restClientConfig.publishStrem" },
            errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray());

        await _api.PutAsJsonAsync("/api/apps/default/connect-policy", JsonNode.Parse("""{ "restClientConfig": {} }"""));
        Assert.Equal(HttpStatusCode.OK, (await _api.PutAsJsonAsync("/api/apps/shop/connect-policy", JsonNode.Parse("""{ "restClientConfig": { "playStream": { "restOnError": "FAIL" } } }"""))).StatusCode);
        Assert.Equal(["default", "shop"], (await _api.GetItemsAsync("/api/connect-policies")).Select(p => p!["appKey"]!.GetValue<string>()).ToArray());
        Assert.Equal("app", (await _api.GetObjectAsync("/api/apps/shop/connect-policy"))["source"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync("/api/apps/shop/connect-policy")).StatusCode);
        Assert.Equal("default", (await _api.GetObjectAsync("/api/apps/shop/connect-policy"))["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pass_through_beats_every_rule()
    {
        await CreateRuleAsync(JsonNode.Parse("""{ "name": "all fail", "answer": { "status": 500, "body": { "mode": "empty" } } }""")!.AsObject());
        await _api.PutAsJsonAsync("/api/apps/default/connect-policy", JsonNode.Parse("""{ "restClientConfig": { "publishStream": { "restOnError": "FAIL" } } }"""));
        var first = await _hooks.PostHookAsync("publishStream", Publish("a"));
        Assert.True(first.StatusCode == HttpStatusCode.InternalServerError, await first.Content.ReadAsStringAsync());

        var on = await _api.PutAsJsonAsync("/api/pass-through", new { on = true });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.True((await _api.GetObjectAsync("/api/pass-through"))["on"]!.GetValue<bool>());
        foreach (var (method, body) in new[] { ("publishStream", Publish("b")), ("connect", HookClient.ConnectionHook(Guid.NewGuid().ToString())) })
        {
            var response = await _hooks.PostHookAsync(method, body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(await response.Content.ReadAsStringAsync())), $"{method} is not a plain mirror");
            var evt = await LastEventAsync(method);
            Assert.Null(evt["ruleId"]);
            Assert.Null(evt["answerBody"]);
        }

        await _api.PutAsJsonAsync("/api/pass-through", new { on = false });
        Assert.Equal(HttpStatusCode.InternalServerError, (await _hooks.PostHookAsync("publishStream", Publish("c"))).StatusCode);
    }

    [Fact]
    public async Task Concurrent_hooks_on_a_max_hits_rule_never_exceed_the_limit()
    {
        var rule = await CreateRuleAsync(JsonNode.Parse("""{ "name": "five", "match": { "methods": ["publishStream"] }, "answer": { "status": 403 }, "limits": { "maxHits": 5 } }""")!.AsObject());
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => _hooks.PostHookAsync("publishStream", Publish($"s{i}"))));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden));
        Assert.Equal(55, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var id = rule["id"]!.GetValue<long>();
        Assert.Equal(5, (await _api.GetObjectAsync($"/api/events?ruleId={id}"))["total"]!.GetValue<int>());
        Assert.Equal(5, (await _api.GetObjectAsync($"/api/rules/{id}"))["hitCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_field_override_rule_returns_the_changed_field_and_keeps_the_rest_mirrored()
    {
        await CreateRuleAsync(JsonNode.Parse("""
            { "name": "rename", "match": { "methods": ["publishStream"], "streamName": "raw-*" },
              "answer": { "status": 200, "body": { "mode": "overrides", "json": { "name": "renamed", "custom": { "tier": "gold" } } } } }
            """)!.AsObject());
        var body = Publish("raw-1", "bob");
        body["unknownField"] = new JsonArray(1, 2);
        var response = await _hooks.PostHookAsync("publishStream", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("renamed", answer["name"]!.GetValue<string>());
        Assert.Equal("gold", answer["custom"]!["tier"]!.GetValue<string>());
        Assert.Equal("bob", answer["custom"]!["login"]!.GetValue<string>());
        var expected = body.DeepClone().AsObject();
        expected["name"] = "renamed";
        expected["custom"]!["tier"] = "gold";
        Assert.True(JsonNode.DeepEquals(expected, answer));
        Assert.Equal("renamed", (await LastEventAsync("publishStream"))["answerBody"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delayed_rule_answers_late_and_the_event_records_the_delay()
    {
        await CreateRuleAsync(JsonNode.Parse("""{ "name": "slow", "match": { "methods": ["playStream"] }, "answer": { "status": 200, "delayMs": 300 } }""")!.AsObject());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await _hooks.PostHookAsync("playStream", Publish("p"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");
        var evt = await LastEventAsync("playStream");
        Assert.Equal(300, evt["delayMs"]!.GetValue<int>());
        Assert.Equal("slow", evt["ruleName"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_rule_gets_400_listing_every_error()
    {
        var response = await _api.PostAsJsonAsync("/api/rules", JsonNode.Parse("""
            { "name": "bad", "match": { "fields": [ { "path": "custom.login", "op": "regex", "value": "(" } ] },
              "answer": { "status": 99, "body": { "mode": "teapot" } }, "limits": { "probability": 2 } }
            """));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(new[] { "answer.body.mode", "answer.status", "limits.probability", "match.fields[0].value" },
            errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray());

        var customNotJson = await _api.PostAsJsonAsync("/api/rules", JsonNode.Parse("""{ "name": "b", "answer": { "status": 500, "body": { "mode": "custom", "json": "{oops" } } }"""));
        Assert.Equal(HttpStatusCode.BadRequest, customNotJson.StatusCode);
        Assert.Contains("answer.body.json", await customNotJson.Content.ReadAsStringAsync());

        var wrongType = await _api.PostAsJsonAsync("/api/rules", JsonNode.Parse("""{ "name": "b", "answer": { "status": "x" } }"""));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("answer.status", await wrongType.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{ "name": "minimal" }""")]
    [InlineData("""{ "name": "nulls", "enabled": true, "order": null, "match": null, "answer": { "body": null, "headers": null }, "limits": null }""")]
    [InlineData("""{ "name": "partial", "match": { "methods": null, "statuses": null, "fields": null, "appKey": "" }, "answer": { "body": { } }, "limits": { } }""")]
    public async Task A_rule_posted_with_omitted_members_comes_back_with_every_default_filled_in(string posted)
    {
        var created = await CreateRuleAsync(JsonNode.Parse(posted)!.AsObject());
        var read = await _api.GetObjectAsync($"/api/rules/{created["id"]}");

        var match = JsonNode.Parse("""{ "methods": [], "appKey": null, "streamName": null, "statuses": [], "sessionId": null, "fields": [] }""");
        var answer = JsonNode.Parse("""{ "status": 200, "body": { "mode": "mirror", "json": null }, "headers": {}, "delayMs": 0, "delayMaxMs": null }""");
        var limits = JsonNode.Parse("""{ "probability": 1, "everyNth": null, "maxHits": null, "activeUntil": null }""");
        foreach (var rule in new[] { created, read })
        {
            Assert.True(rule["enabled"]!.GetValue<bool>());
            Assert.Equal(1, rule["order"]!.GetValue<int>());
            Assert.True(JsonNode.DeepEquals(match, rule["match"]), rule["match"]!.ToJsonString());
            Assert.True(JsonNode.DeepEquals(answer, rule["answer"]), rule["answer"]!.ToJsonString());
            Assert.True(JsonNode.DeepEquals(limits, rule["limits"]), rule["limits"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task A_body_posted_as_a_string_of_json_text_is_returned_as_json()
    {
        var created = await CreateRuleAsync(JsonNode.Parse("""
            { "name": "text", "answer": { "status": 500, "body": { "mode": "custom", "json": "{\"reason\": \"down\"}" } } }
            """)!.AsObject());
        var read = await _api.GetObjectAsync($"/api/rules/{created["id"]}");
        Assert.Equal("custom", read["answer"]!["body"]!["mode"]!.GetValue<string>());
        Assert.Equal("down", read["answer"]!["body"]!["json"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rules_are_created_read_updated_reordered_and_deleted()
    {
        var a = await CreateRuleAsync(JsonNode.Parse("""{ "name": "a", "answer": { "status": 500 } }""")!.AsObject());
        var b = await CreateRuleAsync(JsonNode.Parse("""{ "name": "b", "answer": { "status": 501 } }""")!.AsObject());
        var c = await CreateRuleAsync(JsonNode.Parse("""{ "name": "c", "order": 1, "answer": { "status": 502 } }""")!.AsObject());
        string[] Names(JsonArray items) => items.Select(i => i!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["c", "a", "b"], Names(await _api.GetItemsAsync("/api/rules")));
        Assert.Equal(502, (int)(await _hooks.PostHookAsync("StreamStatusEvent", Publish("x"))).StatusCode);

        var reorder = await _api.PutAsJsonAsync("/api/rules/order", new { ids = new[] { b["id"]!.GetValue<long>(), a["id"]!.GetValue<long>(), c["id"]!.GetValue<long>() } });
        Assert.Equal(HttpStatusCode.OK, reorder.StatusCode);
        Assert.Equal(["b", "a", "c"], Names(await _api.GetItemsAsync("/api/rules")));
        Assert.Equal(501, (int)(await _hooks.PostHookAsync("StreamStatusEvent", Publish("x"))).StatusCode);
        var badOrder = await _api.PutAsJsonAsync("/api/rules/order", new { ids = new[] { 999L } });
        Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);

        var put = await _api.PutAsJsonAsync($"/api/rules/{b["id"]}", JsonNode.Parse("""{ "name": "b2", "enabled": false, "answer": { "status": 503 } }"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(500, (int)(await _hooks.PostHookAsync("StreamStatusEvent", Publish("x"))).StatusCode);
        var stored = await _api.GetObjectAsync($"/api/rules/{b["id"]}");
        Assert.Equal("b2", stored["name"]!.GetValue<string>());
        Assert.False(stored["enabled"]!.GetValue<bool>());
        Assert.Equal("mirror", stored["answer"]!["body"]!["mode"]!.GetValue<string>());
        Assert.Equal(1.0, stored["limits"]!["probability"]!.GetValue<double>());

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/rules/{a["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/rules/{a["id"]}")).StatusCode);
        Assert.Equal(502, (int)(await _hooks.PostHookAsync("StreamStatusEvent", Publish("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync("/api/rules")).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_reports_which_stored_events_a_draft_would_have_matched()
    {
        await _hooks.PostHookAsync("publishStream", Publish("vip-1"));
        await _hooks.PostHookAsync("publishStream", Publish("free-1"));
        await _hooks.PostHookAsync("publishStream", Publish("vip-2", login: "mallory"));
        var response = await _api.PostAsJsonAsync("/api/rules/dry-run", JsonNode.Parse("""
            { "rule": { "name": "draft", "match": { "methods": ["publishStream"], "streamName": "vip-*" }, "answer": { "status": 403 } }, "limit": 100 }
            """));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var result = JsonNode.Parse(text)!;
        Assert.Equal(3, result["examined"]!.GetValue<int>());
        Assert.Equal(2, result["count"]!.GetValue<int>());
        Assert.Equal(["vip-2", "vip-1"], result["matches"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToArray());
        Assert.Empty(await _api.GetItemsAsync("/api/rules"));
    }
}
