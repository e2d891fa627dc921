using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Model;

/// <summary>The Streams view model, and through it the shared paged live list (LiveListModel).</summary>
public sealed class StreamsViewModelTests
{
    private readonly List<StreamItem> _stored = [];
    private readonly List<(StreamFilter Filter, int Page)> _queries = [];
    private Func<Task>? _beforeAnswer;
    private readonly StreamsViewModel _model;

    public StreamsViewModelTests() => _model = new StreamsViewModel(ListAsync);

    private async Task<PagedResult<StreamItem>> ListAsync(StreamFilter filter, int page, int pageSize, CancellationToken ct)
    {
        _queries.Add((filter, page));
        var matching = _stored.Where(s => filter.Status is null || s.Status == filter.Status).Where(s => filter.Name is null || s.Name == filter.Name).ToList();
        var result = new PagedResult<StreamItem>(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), matching.Count);
        if (_beforeAnswer is { } wait) await wait();
        return result;
    }

    private void Add(int count, string status = StreamStatus.Publishing, string name = "cam")
    {
        for (var i = 0; i < count; i++)
            _stored.Add(new StreamItem($"m{_stored.Count}", name, "s1", "app", "node1", true, status, null, null, null, null, null, null, null, null,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, false, null));
    }

    [Fact]
    public async Task The_state_becomes_the_query_filter_with_its_sort()
    {
        Add(3);
        await _model.ApplyAsync(new StreamsState { Status = StreamStatus.Publishing, Name = " cam ", Published = true, Sort = "name", Descending = false }, default);
        var (filter, page) = _queries.Single();
        Assert.Equal(StreamStatus.Publishing, filter.Status);
        Assert.Equal("cam", filter.Name);
        Assert.True(filter.Published);
        Assert.Equal("name", filter.Sort);
        Assert.False(filter.Descending);
        Assert.Equal(1, page);
        Assert.Equal(3, _model.Items.Count);
    }

    [Fact]
    public async Task Sorting_and_filtering_go_back_to_page_one_and_paging_keeps_the_filter()
    {
        Add(120);
        await _model.ApplyAsync(new StreamsState { Status = StreamStatus.Publishing }, default);
        await _model.GoToPageAsync(3, default);
        Assert.Equal((StreamStatus.Publishing, 3), (_queries[^1].Filter.Status, _queries[^1].Page));
        Assert.Equal(3, _model.PageCount);

        await _model.SortAsync("status", descending: false, default);
        Assert.Equal(new StreamsState { Status = StreamStatus.Publishing, Sort = "status", Descending = false }, _model.State);
        Assert.Equal(1, _queries[^1].Page);
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page_and_an_empty_list_page_one()
    {
        Add(51);
        await _model.ApplyAsync(new StreamsState { Page = ConsoleUrls.MaxPage }, default);
        Assert.Equal(2, _model.State.Page);
        Assert.Single(_model.Items);

        await _model.ChangeAsync(s => s with { Status = StreamStatus.Failed }, default);
        Assert.Empty(_model.Items);
        Assert.Equal(1, _model.PageCount);
    }

    [Fact]
    public async Task Only_batches_that_touched_a_stream_refresh_the_shown_page()
    {
        Add(60);
        await _model.ApplyAsync(new StreamsState { Page = 2 }, default);
        Assert.False(_model.Wants([new CommittedBatch([], [], ["s1"])]));
        Assert.True(_model.Wants([new CommittedBatch([], ["m1"], [])]));
        Add(1);
        await _model.RefreshAsync(default);
        Assert.Equal(2, _queries[^1].Page);
        Assert.Equal(61, _model.Total);
    }

    [Fact]
    public async Task A_slow_answer_for_an_older_filter_is_dropped()
    {
        Add(2, StreamStatus.Publishing);
        Add(1, StreamStatus.Failed);
        var release = new TaskCompletionSource();
        _beforeAnswer = () => release.Task;
        var slow = _model.ApplyAsync(new StreamsState { Status = StreamStatus.Publishing }, default);
        _beforeAnswer = null;
        await _model.ApplyAsync(new StreamsState { Status = StreamStatus.Failed }, default);
        release.SetResult();
        await slow;
        Assert.Equal(StreamStatus.Failed, Assert.Single(_model.Items).Status);
        Assert.Equal(StreamStatus.Failed, _model.State.Status);
    }
}
