using System.Net;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>Replays the repository's fixtures/wcs-lifecycle in order against the real app on a real database.
/// Part of the store contract: runs on SQLite here and on PostgreSQL in PostgresLifecycleReplayTests (PostgresStoreContract.cs).
/// </summary>
public class LifecycleReplayTests : PortalTest
{
    [StoreFact]
    public async Task Every_hook_is_answered_200_with_its_body_mirrored_and_the_state_is_projected()
    {
        var hooks = Factory.CreateClient();
        var lifecycle = Fixtures.Lifecycle();
        Assert.Equal(15, lifecycle.Count);
        foreach (var (file, method, body) in lifecycle)
        {
            var response = await hooks.PostHookAsync(method, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(text)), $"{file}: answer is not the mirror of the body");
        }

        var api = Factory.CreateApiClient();
        var publisher = Assert.Single(await api.GetItemsAsync("/api/streams?name=lecture-101&published=true"));
        Assert.Equal("UNPUBLISHED", publisher!["status"]!.GetValue<string>());
        Assert.Equal("9e8d7c6b-5a49-4f3e-8d2c-1b0a9f8e7d6c", publisher["mediaSessionId"]!.GetValue<string>());
        var player = Assert.Single(await api.GetItemsAsync("/api/streams?name=lecture-101&published=false"));
        Assert.Equal("STOPPED", player!["status"]!.GetValue<string>());

        var sessions = await api.GetItemsAsync("/api/sessions");
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("DISCONNECTED", s!["status"]!.GetValue<string>()));

        // Event counts: what the fixture holds for each identity.
        int Count(Func<JsonObject, bool> where) => lifecycle.Count(h => where(h.Body));
        var events = await api.GetObjectAsync("/api/events?pageSize=100");
        Assert.Equal(15, events["total"]!.GetValue<int>());
        var publisherEvents = Count(b => b["mediaSessionId"]?.GetValue<string>() == "9e8d7c6b-5a49-4f3e-8d2c-1b0a9f8e7d6c");
        Assert.Equal(publisherEvents, publisher["eventCount"]!.GetValue<int>());
        Assert.Equal(publisherEvents, (await api.GetObjectAsync("/api/events?mediaSessionId=9e8d7c6b-5a49-4f3e-8d2c-1b0a9f8e7d6c"))["total"]!.GetValue<int>());
        foreach (var s in sessions)
        {
            var id = s!["sessionId"]!.GetValue<string>();
            Assert.Equal(Count(b => b["sessionId"]?.GetValue<string>() == id), s["eventCount"]!.GetValue<int>());
        }
        var alice = sessions.Single(s => s!["login"]?.GetValue<string>() == "alice")!;
        Assert.Equal("https://classroom.example.com", alice["origin"]!.GetValue<string>());
        Assert.NotNull(alice["connectedAt"]);
        Assert.NotNull(alice["disconnectedAt"]);

        var detail = await api.GetObjectAsync("/api/streams/9e8d7c6b-5a49-4f3e-8d2c-1b0a9f8e7d6c");
        Assert.Equal(publisherEvents, detail["events"]!.AsArray().Count);
        Assert.Equal("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", Assert.Single(detail["players"]!.AsArray())!["mediaSessionId"]!.GetValue<string>());
        var sessionDetail = await api.GetObjectAsync($"/api/sessions/{alice["sessionId"]}");
        Assert.Single(sessionDetail["streams"]!.AsArray());
        Assert.Equal(alice["eventCount"]!.GetValue<int>(), sessionDetail["events"]!.AsArray().Count);
    }
}
