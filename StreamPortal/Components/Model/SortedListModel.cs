using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Model;

/// <summary>
/// A server-paged, sorted list of projected rows (streams, sessions): the shown page is queried again when a batch
/// touched any row of its kind. The query is a delegate (the queries are concrete over the database; tests pass a fake).
/// </summary>
public abstract class SortedListModel<TItem, TState, TFilter>(
    Func<TFilter, int, int, CancellationToken, Task<PagedResult<TItem>>> list, Func<CommittedBatch, bool> touches)
    : LiveListModel<TItem, TState>(new TState())
    where TState : class, ISortedListState<TState, TFilter>, IEquatable<TState>, new()
{
    public Task<bool> SortAsync(string column, bool descending, CancellationToken ct) =>
        ChangeAsync(s => s.WithSort(column, descending), ct);

    public override bool Wants(IReadOnlyList<CommittedBatch> batches) => batches.Any(touches);

    protected override Task<PagedResult<TItem>> QueryAsync(TState state, int page, CancellationToken ct) =>
        list(state.ToFilter(), page, PageSize, ct);
}
