using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Components.Pages;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Pages;

public sealed class StreamsPageTests : ConsoleBunitContext
{
    private static IReadOnlyList<string> Names(IRenderedComponent<Streams> cut) =>
        cut.FindAll("tr[data-stream-id] td:first-child").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Renders_stored_streams_most_recent_first_with_status_and_role()
    {
        await AddAsync(Stream("m1", "alpha", "UNPUBLISHED"), Stream("m2", "beta", "PUBLISHING"), Stream("m3", "beta", "PLAYING", published: false));
        var cut = Render<Streams>();
        cut.WaitForAssertion(() => Assert.Equal(["beta", "beta", "alpha"], Names(cut)));
        var player = cut.Find("tr[data-stream-id='m3']").TextContent;
        Assert.Contains("PLAYING", player);
        Assert.Contains("player", player);
        Assert.Contains("/streams/m2", cut.Find("tr[data-stream-id='m2'] a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_name_filter_and_a_status_from_the_query_string_narrow_the_query()
    {
        await AddAsync(Stream("m1", "alpha", "PUBLISHING"), Stream("m2", "beta", "PUBLISHING"), Stream("m3", "beta", "FAILED"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/streams?status=PUBLISHING");
        var cut = Render<Streams>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Count));
        cut.Find("[data-testid=filter-name]").Change("beta");
        cut.WaitForAssertion(() => Assert.Equal("m2", Assert.Single(cut.FindAll("tr[data-stream-id]")).GetAttribute("data-stream-id")));
    }

    [Fact]
    public async Task Clicking_a_column_header_sorts_by_it()
    {
        await AddAsync(Stream("m1", "bravo", "PUBLISHING"), Stream("m2", "alpha", "PUBLISHING"), Stream("m3", "charlie", "PUBLISHING"));
        var cut = Render<Streams>();
        cut.WaitForAssertion(() => Assert.Equal(["charlie", "alpha", "bravo"], Names(cut)));
        cut.Find("th[data-sort='name']").Click();
        cut.WaitForAssertion(() => Assert.Equal(["alpha", "bravo", "charlie"], Names(cut)));
        cut.Find("th[data-sort='name']").Click();
        cut.WaitForAssertion(() => Assert.Equal(["charlie", "bravo", "alpha"], Names(cut)));
    }

    [Fact]
    public async Task A_changed_stream_on_the_feed_re_renders_the_grid()
    {
        await AddAsync(Stream("m1", "alpha", "PENDING"));
        var cut = Render<Streams>();
        cut.WaitForAssertion(() => Assert.Contains("PENDING", cut.Find("tr[data-stream-id='m1']").TextContent));

        await using (var db = await Contexts.CreateDbContextAsync())
        {
            (await db.Streams.FindAsync("m1"))!.Status = "PUBLISHING";
            db.Streams.Add(Stream("m2", "beta", "PUBLISHING"));
            await db.SaveChangesAsync();
        }
        Publish([], streamIds: ["m1", "m2"]);
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("PUBLISHING", cut.Find("tr[data-stream-id='m1']").TextContent);
            Assert.Equal(2, Names(cut).Count);
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_stream_page_shows_the_timeline_with_answers_and_rules_and_the_players()
    {
        await AddAsync(Stream("pub", "lecture", "PUBLISHING"), Stream("play1", "lecture", "PLAYING", published: false, sessionId: "s2"));
        var events = await AddEventsAsync(Hook("publishStream", "lecture", "s1", "pub", "PENDING"), Hook("StreamStatusEvent", "lecture", "s1", "pub", "PUBLISHING"));
        var refused = Hook("StreamKeepAliveEvent", "lecture", "s1", "pub", "PUBLISHING", 403);
        refused.RuleId = 7;
        refused.RuleName = "stop lecture";
        await AddEventsAsync(refused);

        var cut = Render<StreamDetails>(p => p.Add(x => x.MediaSessionId, "pub"));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=stream-timeline] tr[data-event-id]").Count));
        Assert.Equal(events[0].Id.ToString(), cut.Find("[data-testid=stream-timeline] tr[data-event-id]").GetAttribute("data-event-id"));
        var last = cut.FindAll("[data-testid=stream-timeline] tr[data-event-id]")[2].TextContent;
        Assert.Contains("403", last);
        Assert.Contains("stop lecture", last);
        // A player that plays now is listed first, apart from the rest.
        Assert.Equal("play1", cut.Find("[data-testid=stream-players-playing] tr[data-stream-id]").GetAttribute("data-stream-id"));
        Assert.Equal("Playing now (1)", cut.Find("[data-testid=players-playing-heading]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=stream-players] tr[data-stream-id]"));

        var more = await AddEventsAsync(Hook("StreamStatusEvent", "lecture", "s1", "pub", "UNPUBLISHED"));
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            (await db.Streams.FindAsync("pub"))!.Status = "UNPUBLISHED";
            await db.SaveChangesAsync();
        }
        Publish(more, streamIds: ["pub"]);
        cut.WaitForAssertion(() => Assert.Equal("UNPUBLISHED", cut.Find("[data-testid=stream-status]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal(4, cut.FindAll("[data-testid=stream-timeline] tr[data-event-id]").Count);
    }
}
