using System.Net;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>Stream and session projections under out-of-order, repeated and abandoned hooks.
/// Part of the store contract: runs on SQLite here and on PostgreSQL in PostgresProjectionTests (PostgresStoreContract.cs).
/// </summary>
public class ProjectionTests : PortalTest
{
    private HttpClient _hooks = null!;
    private HttpClient _api = null!;

    public override Task InitializeAsync()
    {
        _hooks = Factory.CreateClient();
        _api = Factory.CreateApiClient();
        return Task.CompletedTask;
    }

    private async Task Post(string method, System.Text.Json.Nodes.JsonObject body)
    {
        var response = await _hooks.PostHookAsync(method, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> StreamStatus(string mediaSessionId) =>
        (await _api.GetObjectAsync($"/api/streams/{mediaSessionId}"))["status"]!.GetValue<string>();

    [StoreFact]
    public async Task A_late_PLAYING_after_STOPPED_leaves_STOPPED()
    {
        var id = Guid.NewGuid().ToString();
        await Post("StreamStatusEvent", HookClient.StreamHook(id, "s1", "late", "PLAYING", published: false));
        await Post("StreamStatusEvent", HookClient.StreamHook(id, "s1", "late", "STOPPED", published: false));
        // A body of its own: the same body again within the window would be a duplicate, which counts nothing.
        var late = HookClient.StreamHook(id, "s1", "late", "PLAYING", published: false);
        late["info"] = "late";
        await Post("StreamStatusEvent", late);
        await Post("StreamKeepAliveEvent", HookClient.StreamHook(id, "s1", "late", "PLAYING", published: false));

        Assert.Equal("STOPPED", await StreamStatus(id));
        var detail = await _api.GetObjectAsync($"/api/streams/{id}");
        Assert.Equal(4, detail["eventCount"]!.GetValue<int>());
        Assert.Equal(4, detail["events"]!.AsArray().Count);
    }

    [StoreFact]
    public async Task A_late_PENDING_request_does_not_undo_PUBLISHING()
    {
        var id = Guid.NewGuid().ToString();
        await Post("StreamStatusEvent", HookClient.StreamHook(id, "s2", "pending", "PUBLISHING"));
        await Post("publishStream", HookClient.StreamHook(id, "s2", "pending", "PENDING"));
        Assert.Equal("PUBLISHING", await StreamStatus(id));
    }

    [StoreFact]
    public async Task The_same_hook_twice_gives_two_events_one_stream_instance_and_counts_once()
    {
        var id = Guid.NewGuid().ToString();
        var hook = HookClient.StreamHook(id, "s3", "twice", "PUBLISHING");
        await Post("StreamStatusEvent", hook);
        await Post("StreamStatusEvent", hook);

        var events = await _api.GetObjectAsync($"/api/events?mediaSessionId={id}");
        Assert.Equal(2, events["total"]!.GetValue<int>());
        var stream = Assert.Single(await _api.GetItemsAsync("/api/streams?name=twice"));
        Assert.Equal("PUBLISHING", stream!["status"]!.GetValue<string>());
        // The second copy is a duplicate (WCS re-sent it): stored, but the stream counts the hook once.
        Assert.Equal(1, stream["eventCount"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task A_disconnect_ends_the_sessions_open_streams_and_leaves_ended_ones_alone()
    {
        var session = Guid.NewGuid().ToString();
        var open = Guid.NewGuid().ToString();
        var playing = Guid.NewGuid().ToString();
        var done = Guid.NewGuid().ToString();
        await Post("connect", HookClient.ConnectionHook(session));
        await Post("ConnectionStatusEvent", HookClient.ConnectionHook(session, "ESTABLISHED"));
        await Post("StreamStatusEvent", HookClient.StreamHook(open, session, "open-pub", "PUBLISHING"));
        await Post("StreamStatusEvent", HookClient.StreamHook(playing, session, "open-play", "PLAYING", published: false));
        await Post("StreamStatusEvent", HookClient.StreamHook(done, session, "done", "FAILED"));
        await Post("ConnectionStatusEvent", HookClient.ConnectionHook(session, "DISCONNECTED"));

        var publisher = await _api.GetObjectAsync($"/api/streams/{open}");
        Assert.Equal("UNPUBLISHED", publisher["status"]!.GetValue<string>());
        Assert.True(publisher["endedWithSession"]!.GetValue<bool>());
        Assert.NotNull(publisher["endedByEventId"]);
        var player = await _api.GetObjectAsync($"/api/streams/{playing}");
        Assert.Equal("STOPPED", player["status"]!.GetValue<string>());
        Assert.True(player["endedWithSession"]!.GetValue<bool>());
        var failed = await _api.GetObjectAsync($"/api/streams/{done}");
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.False(failed["endedWithSession"]!.GetValue<bool>());

        var sessionDetail = await _api.GetObjectAsync($"/api/sessions/{session}");
        Assert.Equal("DISCONNECTED", sessionDetail["status"]!.GetValue<string>());
        Assert.Equal(3, sessionDetail["streams"]!.AsArray().Count);
        Assert.Equal(6, sessionDetail["eventCount"]!.GetValue<int>());

        // A late status of an ended stream does not reopen it.
        await Post("StreamStatusEvent", HookClient.StreamHook(open, session, "open-pub", "PUBLISHING"));
        Assert.Equal("UNPUBLISHED", await StreamStatus(open));
    }

    [StoreFact]
    public async Task A_late_ESTABLISHED_after_DISCONNECTED_leaves_the_session_disconnected()
    {
        var session = Guid.NewGuid().ToString();
        await Post("ConnectionStatusEvent", HookClient.ConnectionHook(session, "DISCONNECTED"));
        await Post("ConnectionStatusEvent", HookClient.ConnectionHook(session, "ESTABLISHED"));
        var detail = await _api.GetObjectAsync($"/api/sessions/{session}");
        Assert.Equal("DISCONNECTED", detail["status"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Old_style_session_ids_with_slashes_work_url_encoded()
    {
        const string session = "/192.168.1.102:4388/192.168.1.101:8443";
        await Post("connect", HookClient.ConnectionHook(session, login: "slashy"));
        var encoded = Uri.EscapeDataString(session);
        var detail = await _api.GetObjectAsync($"/api/sessions/{encoded}");
        Assert.Equal(session, detail["sessionId"]!.GetValue<string>());
        Assert.Equal("slashy", detail["login"]!.GetValue<string>());
        Assert.Equal("CONNECTING", detail["status"]!.GetValue<string>());
    }
}
