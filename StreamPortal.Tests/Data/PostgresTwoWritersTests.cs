using System.Net;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Data;

/// <summary>
/// Two portal instances on one PostgreSQL database, both writing the same stream and session rows at once: no
/// update is lost and the projection rules hold, because the rows are locked and projected in the database.
/// </summary>
public sealed class PostgresTwoWritersTests : IAsyncLifetime
{
    private PostgresPortalFactory? _first;
    private PostgresPortalFactory? _second;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
        if (_first is not null) await _first.DisposeAsync();
    }

    [PostgresFact]
    public async Task Concurrent_hooks_of_one_session_at_two_instances_lose_no_update()
    {
        _first = new PostgresPortalFactory();
        _second = new PostgresPortalFactory(_first.PostgresConnectionString) { OwnsDatabase = false };
        HttpClient[] instances = [_first.CreateClient(), _second.CreateClient()];
        var session = Guid.NewGuid().ToString();
        const int Streams = 5, PerStream = 40;
        var sends = Enumerable.Range(0, Streams * PerStream).Select(i =>
            instances[i % 2].PostHookAsync("StreamKeepAliveEvent", HookClient.StreamHook($"{session}-{i % Streams}", session, $"two-{i % Streams}", "PUBLISHING")));
        var responses = await Task.WhenAll(sends);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // A terminal status at one instance is not undone by a late non-terminal one at the other.
        var ended = $"{session}-0";
        Assert.Equal(HttpStatusCode.OK, (await instances[0].PostHookAsync("StreamStatusEvent", HookClient.StreamHook(ended, session, "two-0", "UNPUBLISHED"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await instances[1].PostHookAsync("StreamStatusEvent", HookClient.StreamHook(ended, session, "two-0", "PUBLISHING"))).StatusCode);

        var api = _second.CreateApiClient();
        Assert.Equal(Streams * PerStream + 2, (await api.GetObjectAsync($"/api/events?sessionId={session}&pageSize=1"))["total"]!.GetValue<int>());
        var streams = await api.GetItemsAsync($"/api/streams?sessionId={session}&pageSize=50");
        Assert.Equal(Streams, streams.Count);
        foreach (var s in streams)
        {
            var expected = s!["mediaSessionId"]!.GetValue<string>() == ended ? PerStream + 2 : PerStream;
            Assert.Equal(expected, s["eventCount"]!.GetValue<int>());
        }
        Assert.Equal("UNPUBLISHED", (await api.GetObjectAsync($"/api/streams/{ended}"))["status"]!.GetValue<string>());
        var sessionRow = await api.GetObjectAsync($"/api/sessions/{session}");
        Assert.Equal(Streams * PerStream + 2, sessionRow["eventCount"]!.GetValue<int>());
    }

    [PostgresFact]
    public async Task Two_instances_starting_at_once_on_a_new_database_both_start()
    {
        _first = new PostgresPortalFactory();
        _second = new PostgresPortalFactory(_first.PostgresConnectionString) { OwnsDatabase = false };
        // Both create the database, take the migration lock and migrate at the same moment.
        var clients = await Task.WhenAll(Task.Run(() => _first.CreateClient()), Task.Run(() => _second.CreateClient()));
        foreach (var client in clients) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clients[1].PostHookAsync("connect", HookClient.ConnectionHook(Guid.NewGuid().ToString()))).StatusCode);
    }
}
