using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Model;

/// <summary>WCS connections, server-paged and sorted; the shown page is queried again when a batch touched any session.</summary>
public sealed class SessionsViewModel(SessionsViewModel.List list) : LiveListModel<SessionItem, SessionsState>(new SessionsState())
{
    /// <summary><see cref="SessionQueries.ListAsync"/>'s shape: the queries are concrete over the database, a delegate lets tests pass a fake.</summary>
    public delegate Task<PagedResult<SessionItem>> List(SessionFilter filter, int page, int pageSize, CancellationToken ct);

    public SessionsViewModel(SessionQueries queries) : this(queries.ListAsync) { }

    public Task<bool> SortAsync(string column, bool descending, CancellationToken ct) =>
        ChangeAsync(s => s with { Sort = column, Descending = descending }, ct);

    public override bool Wants(IReadOnlyList<CommittedBatch> batches) => batches.Any(b => b.SessionIds.Count > 0);

    protected override Task<PagedResult<SessionItem>> QueryAsync(SessionsState state, int page, CancellationToken ct) =>
        list(state.ToFilter(), page, PageSize, ct);
}
