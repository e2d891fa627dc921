using System.Net;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>Every kind of bad hook gets a clear problem answer, is still stored as rejected, and the server keeps serving.
/// Part of the store contract: runs on SQLite here and on PostgreSQL in PostgresBadInputTests (PostgresStoreContract.cs).
/// </summary>
public class BadInputTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Hooks:MaxBodyBytes"] = "4096";
        return Task.CompletedTask;
    }

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        { "not JSON", "this is not json", "application/json;charset=UTF-8", 400, "not valid JSON" },
        { "JSON array", "[1,2,3]", "application/json", 400, "not an object" },
        { "JSON string", "\"hello\"", "application/json", 400, "not an object" },
        { "wrong type published", """{"sessionId":"s1","published":"yes"}""", "application/json", 400, "'published' must be true or false" },
        { "wrong type name", """{"sessionId":"s1","name":42}""", "application/json", 400, "'name' must be a string" },
        { "wrong type width", """{"sessionId":"s1","width":"wide"}""", "application/json", 400, "'width' must be an integer" },
        { "empty body", "", "application/json", 400, "empty" },
        { "trailing garbage", """{"a":1} x""", "application/json", 400, "JSON" },
        { "text/plain", """{"a":1}""", "text/plain", 415, "text/plain" },
        { "form", "a=1", "application/x-www-form-urlencoded", 415, "not supported" },
        { "latin1 charset", """{"a":1}""", "application/json; charset=ISO-8859-1", 415, "ISO-8859-1" },
    };

    [StoreTheory]
    [MemberData(nameof(Cases))]
    public async Task Bad_hook_gets_problem_json_and_is_stored_as_rejected(string label, string body, string contentType, int status, string reasonPart)
    {
        var client = Factory.CreateClient();
        var response = await client.PostRawHookAsync("StreamStatusEvent", body, contentType: contentType);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(reasonPart, problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var eventId = problem["eventId"]!.GetValue<long>();

        var stored = await Factory.CreateApiClient().GetObjectAsync($"/api/events/{eventId}");
        Assert.True(stored["rejected"]!.GetValue<bool>(), label);
        Assert.Equal(status, stored["answerStatus"]!.GetValue<int>());
        Assert.Contains(reasonPart, stored["rejectReason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(body, stored["rawBody"]!.GetValue<string>());
        Assert.Equal("StreamStatusEvent", stored["method"]!.GetValue<string>());

        // The server keeps serving good hooks.
        var ok = await client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-after", "after", "PUBLISHING"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [StoreFact]
    public async Task Body_over_the_limit_is_413_and_its_first_bytes_are_stored()
    {
        var client = Factory.CreateClient();
        var big = new JsonObject { ["sessionId"] = "s-big", ["sdp"] = new string('x', 10_000) }.ToJsonString();
        var response = await client.PostRawHookAsync("publishStream", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("4096", problem["detail"]!.GetValue<string>());
        var stored = await Factory.CreateApiClient().GetObjectAsync($"/api/events/{problem["eventId"]}");
        Assert.True(stored["rejected"]!.GetValue<bool>());
        Assert.StartsWith("{\"sessionId\":\"s-big\"", stored["rawBody"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Rejected_events_are_listed_with_their_reason()
    {
        var client = Factory.CreateClient();
        await client.PostRawHookAsync("connect", "nope");
        var api = Factory.CreateApiClient();
        var rejected = await api.GetItemsAsync("/api/events?rejected=true");
        var item = Assert.Single(rejected);
        Assert.Equal("connect", item!["method"]!.GetValue<string>());
        Assert.Contains("not valid JSON", item["rejectReason"]!.GetValue<string>());
        Assert.Equal(400, item["answerStatus"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task Charset_utf8_in_any_spelling_is_accepted()
    {
        var client = Factory.CreateClient();
        foreach (var type in new[] { "application/json", "application/json;charset=UTF-8", "application/json; charset=utf-8", "Application/JSON" })
        {
            var response = await client.PostRawHookAsync("StreamKeepAliveEvent", """{"sessionId":"s1","name":"n"}""", contentType: type);
            Assert.True(response.StatusCode == HttpStatusCode.OK, type);
        }
    }

    [StoreFact]
    public async Task Unknown_methods_are_accepted_mirrored_and_stored_with_kind_unknown()
    {
        var client = Factory.CreateClient();
        var body = new JsonObject { ["sessionId"] = "s-x", ["futureField"] = new JsonObject { ["deep"] = new JsonArray(1, 2) } };
        var response = await client.PostHookAsync("SomeFutureEvent", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(await response.Content.ReadAsStringAsync())));
        var item = Assert.Single(await Factory.CreateApiClient().GetItemsAsync("/api/events?method=SomeFutureEvent"));
        Assert.Equal("unknown", item!["kind"]!.GetValue<string>());
    }
}
