using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Tests.Components.Model;

public sealed class EventsViewModelTests
{
    private readonly FakeEventQueries _events = new();
    private readonly LiveState _live = new();
    private readonly EventsViewModel _model;

    public EventsViewModelTests() => _model = new EventsViewModel(_events.ListAsync, _events.CountAsync, _live);

    private long[] Ids => _model.Items.Select(i => i.Id).ToArray();

    [Fact]
    public async Task A_state_is_queried_once_and_shown_newest_first()
    {
        _events.Add("connect");
        _events.Add("publishStream", 403);
        _events.Add("publishStream");
        Assert.True(await _model.ApplyAsync(new EventsState { Method = "publishStream" }, default));
        Assert.Equal([3, 2], Ids);
        Assert.Equal(2, _model.Total);
        Assert.Equal("publishStream", _events.Lists.Single().Filter.Method);

        // The same state again (the URL echoing what the page just did) costs nothing.
        Assert.False(await _model.ApplyAsync(new EventsState { Method = "publishStream" }, default));
        Assert.Single(_events.Lists);
    }

    [Fact]
    public async Task A_filter_change_goes_back_to_page_one()
    {
        _events.AddMany(120);
        await _model.ApplyAsync(new EventsState { Page = 3 }, default);
        Assert.Equal(3, _model.Page);
        Assert.Equal(3, _model.PageCount);
        Assert.Equal(20, _model.Items.Count);
        await _model.ChangeAsync(s => s with { AnswerStatus = 200 }, default);
        Assert.Equal(new EventsState { AnswerStatus = 200 }, _model.State);
        Assert.Equal(120, Ids.First());
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        _events.AddMany(60);
        await _model.ApplyAsync(new EventsState { Page = 40 }, default);
        Assert.Equal(2, _model.Page);
        Assert.Equal(2, _model.State.Page);
        Assert.Equal(10, _model.Items.Count);
    }

    [Fact]
    public async Task Live_on_page_one_only_what_arrived_is_fetched_and_merged_on_top()
    {
        _events.AddMany(3);
        await _model.ApplyAsync(new EventsState(), default);
        var fresh = _events.Add("StreamStatusEvent");
        Assert.True(_model.Wants(FakeEventQueries.Batch(fresh)));
        await _model.RefreshAsync(default);
        Assert.Equal(3, _events.Lists[^1].Filter.AfterId);
        Assert.Equal([4, 3, 2, 1], Ids);
        Assert.Equal(4, _model.Total);
    }

    [Fact]
    public async Task A_total_at_the_count_cap_says_more_match_and_live_arrivals_keep_it_capped()
    {
        _events.AddMany(ListCount.Cap - 1);
        await _model.ApplyAsync(new EventsState(), default);
        Assert.Equal(ListCount.Cap - 1, _model.Total);
        Assert.False(_model.TotalCapped);

        var fresh = _events.AddMany(2);
        Assert.True(_model.Wants(FakeEventQueries.Batch([.. fresh])));
        await _model.RefreshAsync(default);
        Assert.Equal(ListCount.Cap, _model.Total);
        Assert.True(_model.TotalCapped);

        // A full load of the same state says so too.
        await _model.ApplyAsync(new EventsState { Method = "publishStream" }, default);
        Assert.Equal(ListCount.Cap, _model.Total);
        Assert.True(_model.TotalCapped);
    }

    [Fact]
    public async Task Live_an_event_committed_late_with_a_lower_id_than_the_newest_shown_is_not_skipped()
    {
        _events.AddMany(3);
        await _model.ApplyAsync(new EventsState(), default);
        // Instance B's event 5 is committed and shown while instance A's 4 is still in its transaction.
        var five = _events.AddWithId(5);
        _model.Wants(FakeEventQueries.Batch(five));
        await _model.RefreshAsync(default);
        Assert.Equal([5, 3, 2, 1], Ids);

        var four = _events.AddWithId(4);
        Assert.True(_model.Wants(FakeEventQueries.Batch(four)));
        await _model.RefreshAsync(default);
        Assert.Equal([5, 4, 3, 2, 1], Ids);
    }

    [Fact]
    public async Task A_live_event_outside_the_filter_is_not_shown()
    {
        _events.Add("publishStream");
        await _model.ApplyAsync(new EventsState { Method = "publishStream" }, default);
        _events.Add("connect");
        await _model.RefreshAsync(default);
        Assert.Equal([1], Ids);
        Assert.Equal(0, _model.NewCount);
    }

    [Fact]
    public async Task Paused_the_rows_stay_the_new_count_grows_and_resume_catches_up()
    {
        _events.AddMany(2);
        await _model.ApplyAsync(new EventsState(), default);
        _model.Pause();
        Assert.True(_live.Paused);

        _events.Add();
        await _model.RefreshAsync(default);
        _events.AddMany(2);
        await _model.RefreshAsync(default);
        Assert.Equal(3, _model.NewCount);
        Assert.Equal([2, 1], Ids);
        Assert.Equal(2, _events.Counts[^1].AfterId);

        await _model.ResumeAsync(default);
        Assert.False(_model.Paused);
        Assert.False(_live.Paused);
        Assert.Equal([5, 4, 3, 2, 1], Ids);
        Assert.Equal(0, _model.NewCount);
    }

    [Fact]
    public async Task A_burst_of_a_full_page_or_more_reloads_page_one()
    {
        _events.AddMany(10);
        await _model.ApplyAsync(new EventsState(), default);
        _events.AddMany(EventsViewModel.PageSize + 5);
        await _model.RefreshAsync(default);
        Assert.Equal(EventsViewModel.PageSize, _model.Items.Count);
        Assert.Equal(65, _model.Items[0].Id);
        Assert.Equal(65, _model.Total);
    }

    [Fact]
    public async Task On_a_later_page_the_rows_stay_and_new_is_counted_from_the_newest_event_when_it_opened()
    {
        _events.AddMany(70);
        await _model.ApplyAsync(new EventsState { Page = 2 }, default);
        _events.AddMany(4);
        await _model.RefreshAsync(default);
        Assert.Equal(4, _model.NewCount);
        Assert.Equal(20, _model.Items.Count);
        Assert.Equal(20, _model.Items[0].Id);

        // Resume (or the counter) goes to page 1 with everything.
        await _model.ResumeAsync(default);
        Assert.Equal(1, _model.State.Page);
        Assert.Equal(74, _model.Items[0].Id);
        Assert.Equal(0, _model.NewCount);
    }

    [Fact]
    public async Task Leaving_the_page_ends_its_pause_in_the_app_bar()
    {
        await _model.ApplyAsync(new EventsState(), default);
        _model.Pause();
        _model.Dispose();
        Assert.False(_live.Paused);
    }
}
