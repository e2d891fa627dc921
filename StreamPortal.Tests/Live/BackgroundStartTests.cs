using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using StreamPortal.Live;

namespace StreamPortal.Tests.Live;

public sealed class BackgroundStartTests
{
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly HookFeed _feed = new(NullLogger<HookFeed>.Instance);

    private static CommittedBatch Batch() => new([], [], []);

    [Fact]
    public async Task Background_work_waits_for_the_server_to_listen_and_then_for_the_first_committed_hooks()
    {
        var start = new BackgroundStart(_feed, _lifetime);
        var wait = start.WaitAsync(CancellationToken.None);
        _feed.Publish(Batch());   // hooks before the server listens do not count as "listening"
        Assert.False(wait.IsCompleted);
        Assert.False(start.ListeningAsync(CancellationToken.None).IsCompleted);

        _lifetime.NotifyStarted();
        Assert.True(await start.ListeningAsync(CancellationToken.None));
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(1)));   // the hooks were committed already
        Assert.Equal(0, _feed.SubscriberCount);   // and it stopped listening to the feed after them
    }

    [Fact]
    public async Task Without_hooks_the_work_begins_the_settle_time_after_the_server_listens()
    {
        var start = new BackgroundStart(_feed, _lifetime);
        _lifetime.NotifyStarted();
        var began = DateTimeOffset.UtcNow;
        Assert.True(await start.WaitAsync(CancellationToken.None));
        Assert.True(DateTimeOffset.UtcNow - began >= BackgroundStart.SettleTime - TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_host_that_stops_before_it_started_ends_the_wait_with_false()
    {
        var start = new BackgroundStart(_feed, _lifetime);
        using var stopping = new CancellationTokenSource();
        var wait = start.WaitAsync(stopping.Token);
        await stopping.CancelAsync();
        Assert.False(await wait);
    }
}
