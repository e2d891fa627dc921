using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Model;

/// <summary>WCS connections, server-paged and sorted; the shown page is queried again when a batch touched any session.</summary>
public sealed class SessionsViewModel(Func<SessionFilter, int, int, CancellationToken, Task<PagedResult<SessionItem>>> list)
    : SortedListModel<SessionItem, SessionsState, SessionFilter>(list, batch => batch.SessionIds.Count > 0)
{
    public SessionsViewModel(SessionQueries queries) : this(queries.ListAsync) { }
}
