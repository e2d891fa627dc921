using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Export;

public sealed class BundleTests : PortalTest
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The realistic lifecycle: two sessions (a publisher and a player), both ending.</summary>
    private async Task<(string PublisherSession, string MediaSessionId)> SendLifecycleAsync()
    {
        var hooks = Factory.CreateClient();
        foreach (var (_, method, body) in Fixtures.Lifecycle())
            Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync(method, body)).StatusCode);
        var publish = Fixtures.Body("03-publishStream.json");
        return (publish["sessionId"]!.GetValue<string>(), publish["mediaSessionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_session_bundle_imported_into_a_fresh_portal_reproduces_its_timeline_and_final_states()
    {
        var (sessionId, mediaSessionId) = await SendLifecycleAsync();
        var api = Factory.CreateApiClient();
        var firstId = (await api.GetItemsAsync($"/api/events?sessionId={Uri.EscapeDataString(sessionId)}&pageSize=500"))[^1]!["id"]!.GetValue<long>();
        await api.PostAsJsonAsync($"/api/events/{firstId}/replay", new { });   // a replay travels with its original

        var response = await api.GetAsync($"/api/sessions/{Uri.EscapeDataString(sessionId)}/bundle");
        var bundleText = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, bundleText);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var bundle = JsonNode.Parse(bundleText)!.AsObject();
        Assert.Equal("streamportal-bundle", bundle["format"]!.GetValue<string>());
        Assert.Equal(1, bundle["version"]!.GetValue<int>());
        Assert.NotNull(bundle["rules"]);
        Assert.NotNull(bundle["connectPolicies"]);
        var source = await api.GetObjectAsync($"/api/sessions/{Uri.EscapeDataString(sessionId)}");
        var sourceStream = await api.GetObjectAsync($"/api/streams/{Uri.EscapeDataString(mediaSessionId)}");

        await using var fresh = new PortalFactory();
        var target = fresh.CreateApiClient();
        var imported = await target.PostAsync("/api/bundles", Json(bundleText));
        var importText = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.IsSuccessStatusCode, importText);
        var result = JsonNode.Parse(importText)!.AsObject();
        Assert.Equal(bundle["events"]!.AsArray().Count, result["imported"]!.GetValue<int>());

        var copy = await target.GetObjectAsync($"/api/sessions/{Uri.EscapeDataString(sessionId)}");
        foreach (var field in new[] { "status", "appKey", "origin", "login", "connectedAt", "disconnectedAt", "firstSeen", "lastSeen", "eventCount", "restClientConfig" })
            Assert.True(JsonNode.DeepEquals(source[field], copy[field]), $"session {field}: {copy[field]} is not {source[field]}");
        var copyStream = await target.GetObjectAsync($"/api/streams/{Uri.EscapeDataString(mediaSessionId)}");
        foreach (var field in new[] { "status", "name", "published", "firstSeen", "lastSeen", "eventCount", "endedWithSession" })
            Assert.True(JsonNode.DeepEquals(sourceStream[field], copyStream[field]), $"stream {field}: {copyStream[field]} is not {sourceStream[field]}");

        // The same timeline: methods, statuses, answers and times in order; new ids, each marked with where it came from.
        var before = source["events"]!.AsArray();
        var after = copy["events"]!.AsArray();
        Assert.Equal(before.Count, after.Count);
        var idMap = result["ids"]!.AsArray().ToDictionary(m => m!["original"]!.GetValue<long>(), m => m!["imported"]!.GetValue<long>());
        var bundleId = bundle["id"]!.GetValue<string>();
        foreach (var (b, a) in before.Zip(after))
        {
            foreach (var field in new[] { "method", "status", "answerStatus", "receivedAt", "rejected", "latencyMs" })
                Assert.True(JsonNode.DeepEquals(b![field], a![field]), $"event {field}: {a[field]} is not {b[field]}");
            Assert.Equal(idMap[b!["id"]!.GetValue<long>()], a!["id"]!.GetValue<long>());
            Assert.Equal($"{bundleId}#{b["id"]}", a["importedFrom"]!.GetValue<string>());
            Assert.Equal(b["replayOf"] is { } of ? idMap[of.GetValue<long>()] : null, a["replayOf"]?.GetValue<long>());
        }
        Assert.Contains(after, e => e!["replayOf"] is not null);

        // The same bundle a second time would store every event again: refused, and nothing more is stored.
        var again = await target.PostAsync("/api/bundles", Json(bundleText));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(bundleId, await again.Content.ReadAsStringAsync());
        Assert.Equal(after.Count, (await target.GetObjectAsync($"/api/sessions/{Uri.EscapeDataString(sessionId)}"))["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task Stream_bundle_and_stream_detail_routes_both_work()
    {
        var (_, mediaSessionId) = await SendLifecycleAsync();
        var api = Factory.CreateApiClient();
        var bundle = await api.GetObjectAsync($"/api/streams/{Uri.EscapeDataString(mediaSessionId)}/bundle");
        Assert.Equal("stream", bundle["scope"]!["kind"]!.GetValue<string>());
        Assert.Equal(mediaSessionId, bundle["scope"]!["id"]!.GetValue<string>());
        Assert.All(bundle["events"]!.AsArray(), e => Assert.Contains(mediaSessionId, e!["body"]!.GetValue<string>()));
        // The catch-all GET still answers the stream itself, and a '/' id that ends in "bundle" is still an id.
        Assert.Equal(mediaSessionId, (await api.GetObjectAsync($"/api/streams/{Uri.EscapeDataString(mediaSessionId)}"))["mediaSessionId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/streams/a/b/bundle")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/streams/nothing-here/bundle")).StatusCode);
    }

    [Theory]
    [InlineData("""{"format":"streamportal-bundle","version":2,"id":"x","exportedAt":"2026-01-01T00:00:00Z","scope":{"kind":"session","id":"s"},"events":[],"rules":[],"connectPolicies":[]}""", "version")]
    [InlineData("""{"format":"other","version":1,"id":"x","exportedAt":"2026-01-01T00:00:00Z","scope":{"kind":"session","id":"s"},"events":[],"rules":[],"connectPolicies":[]}""", "format")]
    [InlineData("""{"format":"streamportal-bundle","version":1,"id":"x","exportedAt":"2026-01-01T00:00:00Z","scope":{"kind":"planet","id":"s"},"events":[],"rules":[],"connectPolicies":[]}""", "scope.kind")]
    public async Task Bundles_of_another_format_or_version_are_refused(string json, string field)
    {
        var response = await Factory.CreateApiClient().PostAsync("/api/bundles", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey(field));
    }

    [Theory]
    [InlineData("""{"format":"streamportal-bundle","version":1,"surprise":true}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"format":"streamportal-bundle","version":1,"id":"x","exportedAt":"2026-01-01T00:00:00Z","scope":{"kind":"session","id":"s"},"rules":[],"connectPolicies":[]}""")]
    [InlineData("""not json""")]
    public async Task Malformed_bundles_are_problems(string json)
    {
        var response = await Factory.CreateApiClient().PostAsync("/api/bundles", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_event_with_a_bad_body_encoding_or_status_is_refused_before_anything_is_stored()
    {
        const string json = """
            {"format":"streamportal-bundle","version":1,"id":"x","exportedAt":"2026-01-01T00:00:00Z","scope":{"kind":"session","id":"s"},
             "events":[{"id":1,"receivedAt":"2026-01-01T00:00:00Z","app":"a","method":"connect","body":"{}","bodyEncoding":null,"headers":{},"remoteAddress":null,
               "answerStatus":200,"answerBody":null,"ruleId":null,"ruleName":null,"delayMs":0,"latencyMs":1,"rejected":false,"rejectReason":null,"answerDelivered":true,"replayOf":null},
               {"id":2,"receivedAt":"2026-01-01T00:00:00Z","app":"a","method":"connect","body":"%%%","bodyEncoding":"base64","headers":{},"remoteAddress":null,
               "answerStatus":99,"answerBody":null,"ruleId":null,"ruleName":null,"delayMs":0,"latencyMs":1,"rejected":false,"rejectReason":null,"answerDelivered":true,"replayOf":7}],
             "rules":[],"connectPolicies":[]}
            """;
        var api = Factory.CreateApiClient();
        var response = await api.PostAsync("/api/bundles", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("events[1].body"));
        Assert.True(errors.ContainsKey("events[1].answerStatus"));
        Assert.True(errors.ContainsKey("events[1].replayOf"));
        Assert.Equal(0, (await api.GetObjectAsync("/api/events"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Oversized_bundles_and_other_content_types_are_refused()
    {
        var api = Factory.CreateApiClient();
        var big = new ByteArrayContent(new byte[30_000_001]);
        big.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await api.PostAsync("/api/bundles", big)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await api.PostAsync("/api/bundles", new StringContent("{}", Encoding.UTF8, "text/plain"))).StatusCode);
    }
}
