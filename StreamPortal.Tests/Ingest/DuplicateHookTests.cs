using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// A hook WCS re-sent (same method, same body, within StreamPortal:Hooks:DuplicateWindowSeconds) is stored and answered
/// as usual, marked as a duplicate of the first copy, and leaves the stream and session projections alone.
/// </summary>
public sealed class DuplicateHookTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Ingest:WriterBusyTimeoutMs"] = "10000";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_copy_sent_after_the_first_was_stored_is_marked_and_counts_once()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        var id = Guid.NewGuid().ToString();
        var hook = HookClient.StreamHook(id, "dup-s1", "dup-across", "PUBLISHING");
        // Each answered before the next is sent: the copies are committed in different batches.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync("StreamStatusEvent", hook)).StatusCode);

        var events = (await api.GetItemsAsync($"/api/events?mediaSessionId={id}")).Select(e => e!.AsObject()).OrderBy(e => Id(e)).ToList();
        Assert.Equal(3, events.Count);
        Assert.Null(events[0]["duplicateOf"]);
        Assert.Equal(Id(events[0]), events[1]["duplicateOf"]!.GetValue<long>());
        Assert.Equal(Id(events[0]), events[2]["duplicateOf"]!.GetValue<long>());
        Assert.Equal(1, (await api.GetObjectAsync($"/api/streams/{id}"))["eventCount"]!.GetValue<int>());
        Assert.Equal(1, (await api.GetObjectAsync($"/api/sessions/dup-s1"))["eventCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_copies_committed_in_one_batch_point_at_the_first_and_count_once()
    {
        var hooks = Factory.CreateClient();
        hooks.Timeout = TimeSpan.FromSeconds(30);
        var api = Factory.CreateApiClient();
        var queue = Factory.Services.GetRequiredService<IngestQueue>();
        var status = Factory.Services.GetRequiredService<WriterStatus>();
        var id = Guid.NewGuid().ToString();
        var hook = HookClient.StreamHook(id, "dup-s2", "dup-batch", "PUBLISHING");

        Task<HttpResponseMessage>[] copies;
        Task<HttpResponseMessage> blocker;
        await using (var locker = new SqliteConnection(Factory.ConnectionString + ";Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            // The writer takes the blocker and waits for the lock; both copies queue up behind it and are then taken
            // together (the writer drains whatever is queued into one transaction).
            blocker = hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("dup-blocker", "dup-s0", "n", "PUBLISHING"));
            await WaitUntilAsync(() => status.Writing == 1);
            copies = [hooks.PostHookAsync("StreamStatusEvent", hook), hooks.PostHookAsync("StreamStatusEvent", hook)];
            await WaitUntilAsync(() => queue.Count == 2);
        }
        Assert.Equal(HttpStatusCode.OK, (await blocker).StatusCode);
        Assert.All(await Task.WhenAll(copies), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var events = (await api.GetItemsAsync($"/api/events?mediaSessionId={id}")).Select(e => e!.AsObject()).OrderBy(e => Id(e)).ToList();
        Assert.Equal(2, events.Count);
        Assert.Null(events[0]["duplicateOf"]);
        Assert.Equal(Id(events[0]), events[1]["duplicateOf"]!.GetValue<long>());
        Assert.Equal(1, (await api.GetObjectAsync($"/api/streams/{id}"))["eventCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Different_methods_and_different_bodies_are_not_duplicates_and_the_filter_selects_them()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        var id = Guid.NewGuid().ToString();
        var hook = HookClient.StreamHook(id, "dup-s3", "dup-filter", "PUBLISHING");
        await hooks.PostHookAsync("StreamStatusEvent", hook);
        await hooks.PostHookAsync("publishStream", hook);
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(id, "dup-s3", "dup-filter", "UNPUBLISHED"));
        await hooks.PostHookAsync("StreamStatusEvent", hook);

        Assert.Equal(4, (await api.GetObjectAsync($"/api/events?mediaSessionId={id}"))["total"]!.GetValue<int>());
        var only = await api.GetItemsAsync($"/api/events?mediaSessionId={id}&duplicates=only");
        Assert.Equal("StreamStatusEvent", Assert.Single(only)!["method"]!.GetValue<string>());
        Assert.Equal(3, (await api.GetObjectAsync($"/api/events?mediaSessionId={id}&duplicates=hide"))["total"]!.GetValue<int>());
        // The late copy of PUBLISHING counted nothing: the stream stays UNPUBLISHED with three hooks counted.
        var stream = await api.GetObjectAsync($"/api/streams/{id}");
        Assert.Equal("UNPUBLISHED", stream["status"]!.GetValue<string>());
        Assert.Equal(3, stream["eventCount"]!.GetValue<int>());

        var bad = await api.GetAsync("/api/events?duplicates=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("duplicates", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keep_alives_repeat_by_design_and_are_never_duplicates()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        var id = Guid.NewGuid().ToString();
        var hook = HookClient.StreamHook(id, "dup-s4", "dup-ka", "PUBLISHING");
        await hooks.PostHookAsync("StreamKeepAliveEvent", hook);
        await hooks.PostHookAsync("StreamKeepAliveEvent", hook);

        Assert.Empty(await api.GetItemsAsync($"/api/events?mediaSessionId={id}&duplicates=only"));
        Assert.Equal(2, (await api.GetObjectAsync($"/api/streams/{id}"))["eventCount"]!.GetValue<int>());
    }

    internal static long Id(JsonObject e) => e["id"]!.GetValue<long>();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(10, limit.Token);
    }
}

/// <summary>The window, on a clock the test moves: a copy after it is a new first copy.</summary>
public sealed class DuplicateWindowTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync()
    {
        _factory.Settings["StreamPortal:Hooks:DuplicateWindowSeconds"] = "30";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_copy_after_the_window_is_not_marked_and_starts_a_new_window()
    {
        await using var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        var hooks = app.CreateClient();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", PortalFactory.ApiKey);
        var id = Guid.NewGuid().ToString();
        var hook = HookClient.StreamHook(id, "win-s", "win", "PUBLISHING");

        await hooks.PostHookAsync("StreamStatusEvent", hook);
        _clock.Advance(TimeSpan.FromSeconds(29));
        await hooks.PostHookAsync("StreamStatusEvent", hook);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await hooks.PostHookAsync("StreamStatusEvent", hook);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await hooks.PostHookAsync("StreamStatusEvent", hook);

        var events = (await api.GetItemsAsync($"/api/events?mediaSessionId={id}")).Select(e => e!.AsObject()).OrderBy(DuplicateHookTests.Id).ToList();
        Assert.Equal(4, events.Count);
        Assert.Null(events[0]["duplicateOf"]);
        Assert.Equal(DuplicateHookTests.Id(events[0]), events[1]["duplicateOf"]!.GetValue<long>());
        Assert.Null(events[2]["duplicateOf"]);
        Assert.Equal(DuplicateHookTests.Id(events[2]), events[3]["duplicateOf"]!.GetValue<long>());
        Assert.Equal(2, (await api.GetObjectAsync($"/api/streams/{id}"))["eventCount"]!.GetValue<int>());
    }
}
