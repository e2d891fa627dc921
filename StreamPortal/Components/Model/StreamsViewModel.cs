using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Model;

/// <summary>Stream instances, server-paged and sorted; the shown page is queried again when a batch touched any stream.</summary>
public sealed class StreamsViewModel(StreamsViewModel.List list) : LiveListModel<StreamItem, StreamsState>(new StreamsState())
{
    /// <summary><see cref="StreamQueries.ListAsync"/>'s shape: the queries are concrete over the database, a delegate lets tests pass a fake.</summary>
    public delegate Task<PagedResult<StreamItem>> List(StreamFilter filter, int page, int pageSize, CancellationToken ct);

    public StreamsViewModel(StreamQueries queries) : this(queries.ListAsync) { }

    public Task<bool> SortAsync(string column, bool descending, CancellationToken ct) =>
        ChangeAsync(s => s with { Sort = column, Descending = descending }, ct);

    public override bool Wants(IReadOnlyList<CommittedBatch> batches) => batches.Any(b => b.StreamIds.Count > 0);

    protected override Task<PagedResult<StreamItem>> QueryAsync(StreamsState state, int page, CancellationToken ct) =>
        list(state.ToFilter(), page, PageSize, ct);
}
