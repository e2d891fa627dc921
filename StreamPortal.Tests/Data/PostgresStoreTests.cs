using System.Net;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Data;

/// <summary>The PostgreSQL store through the real app: the lifecycle, the projection rules, concurrent hooks.</summary>
public sealed class PostgresStoreTests : IAsyncLifetime
{
    private PostgresPortalFactory? _factory;

    private PostgresPortalFactory Factory => _factory ??= new PostgresPortalFactory();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }

    [PostgresFact]
    public async Task The_lifecycle_gives_the_same_streams_and_sessions_as_on_SQLite()
    {
        await using var sqlite = new PortalFactory();
        var onPostgres = await ReplayLifecycle(Factory);
        var onSqlite = await ReplayLifecycle(sqlite);
        Assert.Equal(onSqlite, onPostgres);
        Assert.NotEmpty(onPostgres);
    }

    private static async Task<List<string>> ReplayLifecycle(PortalFactory factory)
    {
        var hooks = factory.CreateClient();
        var api = factory.CreateApiClient();
        var lifecycle = Fixtures.Lifecycle();
        foreach (var (file, method, body) in lifecycle)
        {
            var response = await hooks.PostHookAsync(method, body);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(lifecycle.Count, (await api.GetObjectAsync("/api/events?pageSize=1"))["total"]!.GetValue<int>());
        var state = new List<string>();
        foreach (var s in await api.GetItemsAsync("/api/streams?pageSize=200"))
            state.Add($"stream {s!["mediaSessionId"]} {s["status"]} {s["eventCount"]} {s["sessionId"]} {s["name"]}");
        foreach (var s in await api.GetItemsAsync("/api/sessions?pageSize=200"))
            state.Add($"session {s!["sessionId"]} {s["status"]} {s["eventCount"]} {s["login"]}");
        state.Sort(StringComparer.Ordinal);
        return state;
    }

    [PostgresFact]
    public async Task Terminal_and_late_statuses_follow_the_projection_rules()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        var stopped = Guid.NewGuid().ToString();
        // The late PLAYING carries a body of its own (its bitrate): an identical body would be a re-send (a duplicate).
        foreach (var (status, bitrate) in new[] { ("PLAYING", 1), ("STOPPED", 1), ("PLAYING", 2) })
        {
            var hook = HookClient.StreamHook(stopped, "s1", "late", status, published: false);
            hook["bitrate"] = bitrate;
            Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync("StreamStatusEvent", hook)).StatusCode);
        }
        var publishing = Guid.NewGuid().ToString();
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(publishing, "s2", "pending", "PUBLISHING"));
        await hooks.PostHookAsync("publishStream", HookClient.StreamHook(publishing, "s2", "pending", "PENDING"));
        var twice = HookClient.StreamHook(Guid.NewGuid().ToString(), "s3", "twice", "PUBLISHING");
        await hooks.PostHookAsync("StreamStatusEvent", twice);
        await hooks.PostHookAsync("StreamStatusEvent", twice);

        var first = await api.GetObjectAsync($"/api/streams/{stopped}");
        Assert.Equal("STOPPED", first["status"]!.GetValue<string>());
        Assert.Equal(3, first["eventCount"]!.GetValue<int>());
        Assert.Equal("PUBLISHING", (await api.GetObjectAsync($"/api/streams/{publishing}"))["status"]!.GetValue<string>());
        // The same hook twice: both stored, the second marked as a duplicate of the first, the stream counting it once.
        var stream = Assert.Single(await api.GetItemsAsync("/api/streams?name=twice"));
        Assert.Equal(1, stream!["eventCount"]!.GetValue<int>());
        var copies = await api.GetItemsAsync($"/api/events?mediaSessionId={twice["mediaSessionId"]}&duplicates=show");
        Assert.Equal(2, copies.Count);
        Assert.Equal(copies[1]!["id"]!.GetValue<long>(), copies[0]!["duplicateOf"]!.GetValue<long>());
    }

    [PostgresFact]
    public async Task A_disconnect_ends_the_sessions_open_streams()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        var session = Guid.NewGuid().ToString();
        var open = Guid.NewGuid().ToString();
        var ended = Guid.NewGuid().ToString();
        await hooks.PostHookAsync("connect", HookClient.ConnectionHook(session));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(open, session, "open", "PUBLISHING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(ended, session, "ended", "PUBLISHING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(ended, session, "ended", "UNPUBLISHED"));
        Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync("ConnectionStatusEvent", HookClient.ConnectionHook(session, "DISCONNECTED"))).StatusCode);

        var openStream = await api.GetObjectAsync($"/api/streams/{open}");
        Assert.True(openStream["endedWithSession"]!.GetValue<bool>());
        Assert.Equal("UNPUBLISHED", (await api.GetObjectAsync($"/api/streams/{ended}"))["status"]!.GetValue<string>());
        Assert.Equal("DISCONNECTED", (await api.GetObjectAsync($"/api/sessions/{session}"))["status"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task Concurrent_hooks_are_all_stored_with_distinct_ids()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        var session = Guid.NewGuid().ToString();
        // Each body differs (its bitrate): identical bodies would be taken for WCS's re-sends and counted once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
        {
            var hook = HookClient.StreamHook($"{session}-{i % 10}", session, $"n{i % 10}", "PUBLISHING");
            hook["bitrate"] = i;
            return hooks.PostHookAsync("StreamStatusEvent", hook);
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(200, (await api.GetObjectAsync($"/api/events?sessionId={session}&pageSize=1"))["total"]!.GetValue<int>());
        var streams = await api.GetItemsAsync($"/api/streams?sessionId={session}&pageSize=50");
        Assert.Equal(10, streams.Count);
        Assert.All(streams, s => Assert.Equal(20, s!["eventCount"]!.GetValue<int>()));
    }
}
