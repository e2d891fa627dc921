using Microsoft.Extensions.Time.Testing;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Live;

public sealed class AnswerTimeTrackerTests
{
    private static EventSummary Hook(long atMs, string method, double latencyMs, int delayMs, bool rejected = false) =>
        new(1, atMs, "my_api", method, HookCatalogue.KindOf(method), null, null, null, null, null, 200, null, null, latencyMs, rejected, null) { DelayMs = delayMs };

    [Fact]
    public void Percentiles_per_method_count_the_rule_delay_and_forget_what_is_older_than_an_hour()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var feed = new HookFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<HookFeed>.Instance);
        using var tracker = new AnswerTimeTracker(feed, clock);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var hooks = new List<EventSummary>();
        for (var i = 0; i < 98; i++) hooks.Add(Hook(now, "publishStream", 1, 0));
        hooks.Add(Hook(now, "publishStream", 1, 5_000));
        hooks.Add(Hook(now, "publishStream", 1, 20_000));
        hooks.Add(Hook(now, "connect", 2, 0, rejected: true));
        hooks.Add(Hook(now - 2 * 3_600_000, "playStream", 1, 0));
        feed.Publish(new CommittedBatch(hooks, [], []));

        var p = Assert.Single(tracker.LastHour());
        Assert.Equal("publishStream", p.Method);
        Assert.Equal(100, p.Count);
        Assert.InRange(p.P50, 1, 1.1);
        Assert.InRange(p.P95, 1, 1.1);
        Assert.InRange(p.P99, 5_001, 5_001 * 1.1);

        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Empty(tracker.LastHour());
    }

    [Fact]
    public void Histograms_older_than_an_hour_are_forgotten_even_when_no_one_reads_them()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var feed = new HookFeed(Microsoft.Extensions.Logging.Abstractions.NullLogger<HookFeed>.Instance);
        using var tracker = new AnswerTimeTracker(feed, clock);
        var start = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // Three hours of one hook a minute, and nobody opens the dashboard (LastHour is never called).
        for (var minute = 0; minute < 180; minute++)
            feed.Publish(new CommittedBatch([Hook(start + minute * 60_000L, "publishStream", 1, 0)], [], []));

        Assert.Equal(AnswerTimeTracker.Minutes, tracker.HistogramCount);
    }
}
