using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Model;

/// <summary>The answer classes and the keep-alive switch: from the console's URL to the query's rows.</summary>
public sealed class EventTriageFilterTests : ConsoleBunitContext
{
    private EventQueries Queries => Services.GetRequiredService<EventQueries>();

    private async Task<List<int>> AnswersAsync(EventFilter filter) =>
        (await Queries.ListAsync(filter, 1, 50, CancellationToken.None)).Items.Select(i => i.AnswerStatus).Order().ToList();

    [Fact]
    public async Task Each_answer_class_matches_its_codes_and_keep_alives_hide()
    {
        var rejected = Hook(WcsMethod.StreamStatusEvent, answer: 400);
        rejected.Rejected = true;
        await AddEventsAsync(Hook(WcsMethod.PublishStream), Hook(WcsMethod.Connect, answer: 403), Hook(WcsMethod.PlayStream, answer: 404),
            Hook(WcsMethod.PlayStream, answer: 500), Hook(WcsMethod.PublishStream, answer: 503), rejected, Hook(KeepAlive.Method));

        Assert.Equal([400, 403, 404, 500, 503], await AnswersAsync(new EventFilter { Answer = AnswerClass.Non200 }));
        Assert.Equal([400, 403, 404], await AnswersAsync(new EventFilter { Answer = AnswerClass.ClientError }));
        Assert.Equal([500, 503], await AnswersAsync(new EventFilter { Answer = AnswerClass.ServerError }));
        Assert.Equal([400], await AnswersAsync(new EventFilter { Answer = AnswerClass.Rejected }));
        Assert.Equal([403], await AnswersAsync(new EventFilter { Answer = AnswerClass.ClientError, AnswerStatus = 403 }));
        Assert.Equal(7, (await AnswersAsync(new EventFilter())).Count);
        Assert.Equal(6, (await AnswersAsync(new EventFilter { HideKeepAlives = true })).Count);
    }

    [Fact]
    public void The_console_url_carries_answer_classes_keep_alives_pause_and_the_open_drawer()
    {
        var state = new EventsState { Answer = AnswerClass.ClientError, ShowKeepAlives = true, Stream = "lecture" };
        var url = ConsoleUrls.Events(state, new EventsView(Paused: true, EventId: 42));
        Assert.Equal("/events?stream=lecture&answer=4xx&keepAlives=show&paused=1&event=42", url);
        Assert.Equal(state, ConsoleUrls.ParseEvents(url));
        Assert.Equal(new EventsView(true, 42), ConsoleUrls.ParseEventsView(url));

        // Keep-alives hidden by default; the old numeric alias still reads as an exact code; junk is dropped.
        Assert.True(ConsoleUrls.ParseEvents("/events").ToFilter().HideKeepAlives);
        Assert.Equal(403, ConsoleUrls.ParseEvents("/events?answer=403").AnswerStatus);
        Assert.Null(ConsoleUrls.ParseEvents("/events?answer=403").Answer);
        Assert.Null(ConsoleUrls.ParseEvents("/events?answer=nope&event=-3").Answer);
        Assert.Null(ConsoleUrls.ParseEventsView("/events?event=-3").EventId);
        // Asking for keep-alives by method shows them even with the switch at its default.
        Assert.False(new EventsState { Method = KeepAlive.Method }.ToFilter().HideKeepAlives);
    }

    [Fact]
    public void A_timeline_view_is_written_into_a_detail_page_url()
    {
        var url = ConsoleUrls.WithTimeline("http://x/streams/abc?page=9", new TimelineView(2, true, 7));
        Assert.Equal("http://x/streams/abc?page=2&keepAlives=show&event=7", url);
        Assert.Equal(new TimelineView(2, true, 7), ConsoleUrls.ParseTimeline(url));
        Assert.Equal("http://x/streams/abc", ConsoleUrls.WithTimeline(url, new TimelineView()));
    }
}
