using Bunit;
using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Api;
using StreamPortal.Data.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Components.Pages;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Pages;

public sealed class EventsPageTests : ConsoleBunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static IReadOnlyList<string> RowIds(IRenderedComponent<Events> cut) =>
        cut.FindAll("tr[data-event-id]").Select(r => r.GetAttribute("data-event-id")!).ToList();

    [Fact]
    public async Task Renders_the_stored_events_newest_first_with_method_stream_and_answer()
    {
        var seeded = await AddEventsAsync(Hook("connect", sessionId: "s1"), Hook("publishStream", "alpha", "s1", "m1", "PENDING"), Hook("StreamStatusEvent", "alpha", "s1", "m1", "FAILED", 500));
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Equal(seeded.Select(e => e.Id.ToString()).Reverse(), RowIds(cut)));
        var newest = cut.Find($"tr[data-event-id='{seeded[2].Id}']").TextContent;
        Assert.Contains("StreamStatusEvent", newest);
        Assert.Contains("alpha", newest);
        Assert.Contains("500", newest);
        Assert.Contains("3 matching", cut.Find("[data-testid=events-total]").TextContent);
    }

    [Fact]
    public async Task Typing_a_stream_name_filters_the_query()
    {
        await AddEventsAsync(Hook("publishStream", "alpha", "s1", "m1"), Hook("publishStream", "beta", "s2", "m2"), Hook("StreamStatusEvent", "alpha", "s1", "m1"));
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count));
        cut.Find("[data-testid=filter-stream]").Change("beta");
        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("tr[data-event-id]"));
            Assert.Contains("beta", row.TextContent);
        });
        Assert.Contains("1 matching", cut.Find("[data-testid=events-total]").TextContent);
    }

    [Fact]
    public async Task An_answer_status_filter_and_a_query_string_filter_narrow_the_list()
    {
        await AddEventsAsync(Hook("publishStream", "alpha", answer: 403), Hook("publishStream", "beta"), Hook("playStream", "alpha", answer: 403));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/events?method=publishStream");
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count));
        cut.Find("[data-testid=filter-answer]").Change("403");
        cut.WaitForAssertion(() => Assert.Contains("alpha", Assert.Single(cut.FindAll("tr[data-event-id]")).TextContent));
    }

    [Fact]
    public async Task A_time_range_keeps_only_events_received_inside_it()
    {
        var old = Hook("publishStream", "old");
        old.ReceivedAtMs = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var inside = Hook("publishStream", "inside");
        inside.ReceivedAtMs = new DateTimeOffset(2026, 1, 1, 12, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        await AddEventsAsync(old, inside, Hook("publishStream", "now"));
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count));
        cut.Find("[data-testid=filter-from]").Change("2026-01-01T12:00");
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count));
        cut.Find("[data-testid=filter-to]").Change("2026-01-01T13:00");
        cut.WaitForAssertion(() => Assert.Contains("inside", Assert.Single(cut.FindAll("tr[data-event-id]")).TextContent));
    }

    [Fact]
    public async Task A_new_event_on_the_feed_appears_without_reload()
    {
        await AddEventsAsync(Hook("connect", sessionId: "s1"));
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)));

        var added = await AddEventsAsync(Hook("publishStream", "gamma", "s1", "m9"));
        Publish(added);
        cut.WaitForAssertion(() => Assert.Equal(added[0].Id.ToString(), RowIds(cut)[0]), Wait);
        Assert.Equal(2, RowIds(cut).Count);
    }

    [Fact]
    public async Task A_new_event_that_does_not_match_the_filter_is_not_shown()
    {
        await AddEventsAsync(Hook("publishStream", "alpha"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/events?stream=alpha");
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)));
        var other = await AddEventsAsync(Hook("publishStream", "beta"));
        var same = await AddEventsAsync(Hook("StreamStatusEvent", "alpha"));
        Publish([.. other, .. same]);
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count), Wait);
        Assert.DoesNotContain(other[0].Id.ToString(), RowIds(cut));
    }

    [Fact]
    public async Task Paused_the_rows_stay_and_the_new_count_grows_then_resume_shows_everything()
    {
        var first = await AddEventsAsync(Hook("connect", sessionId: "s1"));
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)));
        cut.Find("[data-testid=pause-button]").Click();
        Assert.Equal("Resume", cut.Find("[data-testid=resume-button]").TextContent.Trim());

        var one = await AddEventsAsync(Hook("publishStream", "delta", "s1", "m1"));
        Publish(one);
        cut.WaitForAssertion(() => Assert.Equal("1 new", cut.Find("[data-testid=new-count]").TextContent.Trim()), Wait);
        var two = await AddEventsAsync(Hook("StreamStatusEvent", "delta", "s1", "m1"));
        Publish(two);
        cut.WaitForAssertion(() => Assert.Equal("2 new", cut.Find("[data-testid=new-count]").TextContent.Trim()), Wait);
        Assert.Equal([first[0].Id.ToString()], RowIds(cut));

        cut.Find("[data-testid=resume-button]").Click();
        cut.WaitForAssertion(() => Assert.Equal(new[] { two[0].Id, one[0].Id, first[0].Id }.Select(i => i.ToString()), RowIds(cut)));
        Assert.Empty(cut.FindAll("[data-testid=new-count]"));
        Assert.Equal("Pause", cut.Find("[data-testid=pause-button]").TextContent.Trim());
    }

    [Fact]
    public async Task Clicking_a_row_opens_the_details_with_the_formatted_body()
    {
        var e = Hook("publishStream", "alpha", "s1", "m1", "PENDING");
        e.Body = "{\"name\":\"alpha\",\"custom\":{\"login\":\"<b>bob</b>\"}}";
        e.Headers = "{\"Content-Type\":\"application/json;charset=UTF-8\"}";
        await AddEventsAsync(e);
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)));
        cut.Find("tr[data-event-id]").Click();
        cut.WaitForAssertion(() => Assert.Contains("\"login\": \"<b>bob</b>\"", cut.Find("[data-testid=event-body]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=event-body] b"));
        Assert.Contains("application/json;charset=UTF-8", cut.Markup);
    }

    [Fact]
    public async Task A_filtered_view_opened_from_its_link_shows_the_rows_the_api_returns()
    {
        await AddEventsAsync(Hook("publishStream", "a", answer: 403), Hook("publishStream", "b"), Hook("playStream", "a", answer: 403),
            Hook("publishStream", "c", answer: 403), Hook("connect", sessionId: "s1", answer: 403), Hook("publishStream", "d", answer: 500));

        // What /api/events?method=publishStream&answerStatus=403 answers, through the endpoint's own handler.
        var request = new EventListRequest(Method: "publishStream", AnswerStatus: "403");
        var api = Assert.IsType<Ok<PagedResult<EventItem>>>((await EventsApi.ListAsync(request, Services.GetRequiredService<EventQueries>(), default)).Result);
        var expected = api.Value!.Items.Select(e => e.Id.ToString()).ToList();
        Assert.Equal(2, expected.Count);

        Services.GetRequiredService<NavigationManager>().NavigateTo("/events?method=publishStream&answer=403");
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Equal(expected, RowIds(cut)));
        Assert.Contains("2 matching", cut.Find("[data-testid=events-total]").TextContent);
        // The link is written back in its canonical form, the API's key included.
        Assert.EndsWith("/events?method=publishStream&answerStatus=403", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_filter_change_is_a_new_history_entry_and_going_back_restores_the_previous_filter()
    {
        await AddEventsAsync(Hook("publishStream", "alpha"), Hook("publishStream", "beta"));
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        navigation.NavigateTo("/events");
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count));

        cut.Find("[data-testid=filter-stream]").Change("beta");
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)));
        Assert.EndsWith("/events?stream=beta", navigation.Uri);
        Assert.False(navigation.History.First().Options.ReplaceHistoryEntry);

        // Back: the browser's previous URL, as the router would hand it to the page.
        navigation.NavigateTo("/events");
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count));
    }

    [Fact]
    public async Task A_hostile_query_string_shows_the_unfiltered_list()
    {
        await AddEventsAsync(Hook("publishStream", "alpha"), Hook("connect", sessionId: "s1"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/events?answerStatus=%3Cscript%3E&ruleId=-1&kind=9&page=99999999999&from=never");
        var cut = Render<Events>();
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count));
    }
}
