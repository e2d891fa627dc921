using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Live;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Live;

public sealed class HookRateTrackerTests : PortalTest
{
    [Fact]
    public async Task Posted_hooks_are_counted_once_whether_they_came_from_the_feed_or_the_start_up_load()
    {
        var hooks = Factory.CreateClient();
        (await hooks.PostHookAsync("publishStream", HookClient.StreamHook("m1", "s1", "a", "PENDING"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("m1", "s1", "a", "PUBLISHING"))).EnsureSuccessStatusCode();
        await hooks.PostRawHookAsync("StreamStatusEvent", "{broken");

        var live = Factory.Services.GetRequiredService<HookRateTracker>();
        var snapshot = await WaitForAsync(live, s => s.LastMinuteTotal == 3);
        Assert.Equal(1, snapshot.LastMinuteNon200);
        Assert.Equal(1, snapshot.RejectedLastHour);
        Assert.Equal(1, snapshot.ByMethod["publishStream"].Sum());
        Assert.Equal(2, snapshot.ByMethod["StreamStatusEvent"].Sum());
        Assert.Equal(2, snapshot.ByAnswer["200"].Sum());
        Assert.Equal(1, snapshot.ByAnswer["400"].Sum());

        // A tracker that starts now loads the same figures from the database, and skips feed events it already loaded.
        var feed = new HookFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<HookFeed>.Instance);
        using var fresh = new HookRateTracker(feed, Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), TimeProvider.System,
            Factory.Services.GetRequiredService<BackgroundStart>());
        var loaded = await fresh.SnapshotAsync(default);
        Assert.Equal(3, loaded.LastMinuteTotal);
        Assert.Equal(1, loaded.RejectedLastHour);
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        feed.Publish(new CommittedBatch([EventSummary.From(stored[^1])], [], []));
        var again = stored[^1];
        again.Id += 1000;
        feed.Publish(new CommittedBatch([EventSummary.From(again)], [], []));
        Assert.Equal(4, (await fresh.SnapshotAsync(default)).LastMinuteTotal);
    }

    private static async Task<HookRateSnapshot> WaitForAsync(HookRateTracker tracker, Func<HookRateSnapshot, bool> done)
    {
        // The feed is published after the answer is sent; poll the snapshot until the last batch is in (bounded).
        for (var i = 0; i < 200; i++)
        {
            var s = await tracker.SnapshotAsync(default);
            if (done(s)) return s;
            await Task.Delay(25);
        }
        return await tracker.SnapshotAsync(default);
    }
}
