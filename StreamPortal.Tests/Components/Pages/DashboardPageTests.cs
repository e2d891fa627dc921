using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Components.Pages;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Pages;

public sealed class DashboardPageTests : ConsoleBunitContext
{
    private static string Count(IRenderedComponent<Dashboard> cut, string id) => cut.Find($"[data-testid={id}] .count-value").TextContent.Trim();

    [Fact]
    public async Task Shows_live_counts_the_hook_rate_chart_and_the_latest_failures()
    {
        var failed = Stream("f1", "broken-cam", "FAILED");
        failed.Info = "Failed by ICE timeout";
        await AddAsync(Stream("m1", "a", "PUBLISHING"), Stream("m2", "b", "PUBLISHING"), Stream("m3", "a", "PLAYING", published: false), failed,
            Session("s1", "ESTABLISHED"), Session("s2", "DISCONNECTED"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var refused = Hook("connect", sessionId: "s9", answer: 403);
        var rejected = Hook("StreamStatusEvent", answer: 400);
        rejected.Rejected = true;
        foreach (var e in new[] { refused, rejected }) e.ReceivedAtMs = now;
        var ok = Hook("publishStream", "a");
        ok.ReceivedAtMs = now;
        await AddEventsAsync(ok, refused, rejected);

        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal("2", Count(cut, "count-publishing")));
        Assert.Equal("1", Count(cut, "count-playing"));
        Assert.Equal("1", Count(cut, "count-sessions"));
        Assert.Equal("3", Count(cut, "count-hooks"));
        Assert.Equal("2", Count(cut, "count-non200"));
        Assert.Equal("1", Count(cut, "count-rejected"));
        Assert.Contains("broken-cam", cut.Find("[data-testid=failed-streams]").TextContent);
        Assert.Equal("/streams/f1", cut.Find("[data-testid=failed-streams] a").GetAttribute("href"));
        Assert.Contains("403", cut.Find("[data-testid=refused-connects]").TextContent);
        Assert.Contains("StreamStatusEvent", cut.Find("[data-testid=non200-answers]").TextContent);
        Assert.NotEmpty(cut.FindAll("svg"));
        Assert.Contains("publishStream", cut.Markup);
    }

    [Fact]
    public async Task New_hooks_on_the_feed_update_the_counts()
    {
        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal("0", Count(cut, "count-hooks")));
        var added = await AddEventsAsync(Hook("StreamKeepAliveEvent", "a"), Hook("StreamKeepAliveEvent", "a"));
        foreach (var e in added) e.ReceivedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Events.UpdateRange(added);
            await db.SaveChangesAsync();
        }
        Publish(added);
        cut.WaitForAssertion(() => Assert.Equal("2", Count(cut, "count-hooks")), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void Shows_the_hooks_shed_with_503_in_the_last_hour()
    {
        var metrics = Services.GetRequiredService<IngestMetrics>();
        metrics.Shed();
        metrics.Shed();

        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal("2", Count(cut, "count-shed")));
    }
}
