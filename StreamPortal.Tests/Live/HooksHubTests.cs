using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StreamPortal.Live;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Live;

/// <summary>/hubs/hooks over the test server (long polling carries the X-Api-Key header on every request).</summary>
public sealed class HooksHubTests : PortalTest
{
    private HubConnection Connect(string? apiKey) => new HubConnectionBuilder()
        .WithUrl(new Uri(Factory.Server.BaseAddress, HooksHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (apiKey is not null) o.Headers["X-Api-Key"] = apiKey;
        })
        .Build();

    [Fact]
    public async Task A_posted_hook_reaches_a_connected_client_as_a_summary()
    {
        var hooks = Factory.CreateClient();
        await using var hub = Connect(PortalFactory.ApiKey);
        var received = Channel.CreateUnbounded<EventSummary>();
        var streamsChanged = Channel.CreateUnbounded<string>();
        hub.On<List<EventSummary>>(HubRelay.EventSummaries, list => { foreach (var e in list) received.Writer.TryWrite(e); });
        hub.On<List<string>>(HubRelay.StreamsChanged, ids => { foreach (var id in ids) streamsChanged.Writer.TryWrite(id); });
        await hub.StartAsync();

        var mediaSessionId = Guid.NewGuid().ToString();
        var response = await hooks.PostHookAsync("publishStream", HookClient.StreamHook(mediaSessionId, "hub-session", "hub-stream", "PENDING"));
        response.EnsureSuccessStatusCode();

        var summary = await ReadAsync(received, e => e.MediaSessionId == mediaSessionId);
        Assert.Equal("publishStream", summary.Method);
        Assert.Equal("hub-stream", summary.Name);
        Assert.Equal(200, summary.AnswerStatus);
        Assert.True(summary.Id > 0);
        Assert.Equal(mediaSessionId, await ReadAsync(streamsChanged, id => id == mediaSessionId));
    }

    [Fact]
    public async Task A_client_that_left_all_and_joined_a_stream_gets_only_that_stream()
    {
        var hooks = Factory.CreateClient();
        await using var hub = Connect(PortalFactory.ApiKey);
        var received = Channel.CreateUnbounded<EventSummary>();
        hub.On<List<EventSummary>>(HubRelay.EventSummaries, list => { foreach (var e in list) received.Writer.TryWrite(e); });
        await hub.StartAsync();
        await hub.InvokeAsync("LeaveAll");
        await hub.InvokeAsync("JoinStream", "wanted");

        (await hooks.PostHookAsync("publishStream", HookClient.StreamHook(Guid.NewGuid().ToString(), "g1", "unwanted", "PENDING"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync("publishStream", HookClient.StreamHook(Guid.NewGuid().ToString(), "g2", "wanted", "PENDING"))).EnsureSuccessStatusCode();

        var first = await ReadAsync(received, _ => true);
        Assert.Equal("wanted", first.Name);
        Assert.False(received.Reader.TryRead(out var extra), $"unexpected summary for {extra?.Name}");
    }

    [Fact]
    public async Task A_connection_may_join_only_a_bounded_number_of_groups()
    {
        await using var hub = Connect(PortalFactory.ApiKey);
        await hub.StartAsync();
        for (var i = 0; i < HooksHub.MaxGroupsPerConnection; i++)
            await hub.InvokeAsync(i % 2 == 0 ? "JoinStream" : "JoinApp", "group-" + i);
        // Joining one already joined costs nothing and is not refused.
        await hub.InvokeAsync("JoinStream", "group-0");

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("JoinStream", "one-too-many"));
        Assert.Contains($"at most {HooksHub.MaxGroupsPerConnection}", refused.Message);
        await hub.InvokeAsync("LeaveStream", "group-0");
        await hub.InvokeAsync("JoinStream", "one-too-many");
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Theory]
    [InlineData("JoinStream", "")]
    [InlineData("JoinStream", "line\nbreak")]
    [InlineData("JoinApp", "tab\there")]
    [InlineData("JoinApp", null)]
    public async Task A_group_name_that_is_empty_or_holds_control_characters_is_refused(string method, string? name)
    {
        await using var hub = Connect(PortalFactory.ApiKey);
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(method, name is null ? null : System.Text.RegularExpressions.Regex.Unescape(name)));
        Assert.Contains("must", refused.Message);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_group_name_longer_than_the_limit_is_refused()
    {
        await using var hub = Connect(PortalFactory.ApiKey);
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("JoinStream", new string('a', HooksHub.MaxNameLength + 1)));
        Assert.Contains($"at most {HooksHub.MaxNameLength} characters", refused.Message);
        await hub.InvokeAsync("JoinStream", new string('a', HooksHub.MaxNameLength));
    }

    [Fact]
    public async Task An_anonymous_connection_is_refused()
    {
        await using var hub = Connect(apiKey: null);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused()
    {
        await using var hub = Connect("not-a-key");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    private static async Task<T> ReadAsync<T>(Channel<T> channel, Func<T, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = await channel.Reader.ReadAsync(timeout.Token);
            if (match(item)) return item;
        }
    }
}
