using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Components.Pages;
using StreamPortal.Data.Queries;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Pages;

/// <summary>Timelines: keep-alives collapsed into runs, pages instead of a silent cap, rows that open the drawer.</summary>
public sealed class TimelineTests : ConsoleBunitContext
{
    private TimelineQueries Timelines => Services.GetRequiredService<TimelineQueries>();

    private async Task AddKeepAlivesAsync(string mediaSessionId, int count, int answer = 200)
    {
        var hooks = Enumerable.Range(0, count).Select(_ => Hook(KeepAlive.Method, "lecture", "s1", mediaSessionId, StreamStatus.Publishing, answer)).ToArray();
        await AddEventsAsync(hooks);
    }

    [Fact]
    public async Task Keep_alives_between_two_hooks_are_one_run_with_their_count_and_span()
    {
        await AddEventsAsync(Hook(WcsMethod.PublishStream, "lecture", "s1", "pub", StreamStatus.Pending));
        await AddKeepAlivesAsync("pub", 500);
        await AddEventsAsync(Hook(WcsMethod.StreamStatusEvent, "lecture", "s1", "pub", StreamStatus.Failed));
        await AddKeepAlivesAsync("pub", 3);

        var page = await Timelines.PageAsync(new TimelineScope(MediaSessionId: "pub"), 1, collapse: true, CancellationToken.None);

        Assert.Equal(4, page.Entries.Count);
        Assert.Equal(WcsMethod.PublishStream, page.Entries[0].Event!.Method);
        var run = page.Entries[1].Run!;
        Assert.Equal(500, run.Count);
        Assert.True(run.From < run.To);
        Assert.Equal(KeepAlive.Method, run.Last.Method);
        Assert.Equal(StreamStatus.Failed, page.Entries[2].Event!.Status);
        Assert.Equal(3, page.Entries[3].Run!.Count);
        Assert.Equal(505, page.Hooks);
        Assert.Equal(503, page.KeepAlives);
        Assert.Equal(1, page.PageCount);
    }

    [Fact]
    public async Task A_keep_alive_a_rule_answered_stays_a_row_of_its_own()
    {
        await AddKeepAlivesAsync("pub", 5);
        var refused = Hook(KeepAlive.Method, "lecture", "s1", "pub", StreamStatus.Publishing, 403);
        refused.RuleId = 3;
        refused.RuleName = "stop";
        await AddEventsAsync(refused);
        await AddKeepAlivesAsync("pub", 2);

        var page = await Timelines.PageAsync(new TimelineScope(MediaSessionId: "pub"), 1, collapse: true, CancellationToken.None);

        Assert.Equal([5, 0, 2], page.Entries.Select(e => e.Run?.Count ?? 0));
        Assert.Equal(403, page.Entries[1].Event!.AnswerStatus);
    }

    [Fact]
    public async Task Long_timelines_are_paged_not_cut_and_the_first_page_keeps_the_oldest_hook()
    {
        var first = (await AddEventsAsync(Hook(WcsMethod.PublishStream, "lecture", "s1", "pub", StreamStatus.Pending)))[0];
        var statuses = Enumerable.Range(0, TimelineQueries.PageSize + 20)
            .Select(_ => Hook(WcsMethod.StreamStatusEvent, "lecture", "s1", "pub", StreamStatus.Publishing)).ToArray();
        await AddEventsAsync(statuses);
        await AddKeepAlivesAsync("pub", 4);
        var scope = new TimelineScope(MediaSessionId: "pub");

        var one = await Timelines.PageAsync(scope, 1, collapse: true, CancellationToken.None);
        var two = await Timelines.PageAsync(scope, 2, collapse: true, CancellationToken.None);
        var past = await Timelines.PageAsync(scope, 99, collapse: true, CancellationToken.None);

        Assert.Equal(2, one.PageCount);
        Assert.Equal(first.Id, one.Entries[0].Id);
        Assert.Equal(TimelineQueries.PageSize, one.Entries.Count);
        Assert.Equal(21, two.Entries.Count(e => e.Event is not null));
        Assert.Equal(4, two.Entries[^1].Run!.Count);
        Assert.Empty(one.Entries.Select(e => e.Id).Intersect(two.Entries.Select(e => e.Id)));
        Assert.Equal(2, past.Page);

        var expanded = await Timelines.PageAsync(scope, 2, collapse: false, CancellationToken.None);
        Assert.Equal(TimelineQueries.PageSize + 20 + 1 + 4 - TimelineQueries.PageSize, expanded.Entries.Count);
        Assert.All(expanded.Entries, e => Assert.Null(e.Run));
    }

    [Fact]
    public async Task The_stream_page_renders_a_run_row_and_a_row_opens_the_drawer()
    {
        await AddAsync(Stream("pub", "lecture", StreamStatus.Publishing));
        var publish = (await AddEventsAsync(Hook(WcsMethod.PublishStream, "lecture", "s1", "pub", StreamStatus.Pending)))[0];
        await AddKeepAlivesAsync("pub", 40);

        var cut = Render<StreamDetails>(p => p.Add(x => x.MediaSessionId, "pub"));
        cut.WaitForAssertion(() => Assert.Contains("×40", cut.Find("[data-testid=keepalive-run-text]").TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=stream-timeline] tr[data-event-id]").Count);
        Assert.Contains("mediaSessionId=pub", cut.Find("[data-testid=stream-timeline-open-events]").GetAttribute("href"));

        cut.Find($"[data-testid=stream-timeline] tr[data-event-id='{publish.Id}']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.Contains($"#{publish.Id}", cut.Find("[data-testid=event-details]").TextContent));
    }
}
