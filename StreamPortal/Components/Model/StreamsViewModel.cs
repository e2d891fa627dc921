using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Model;

/// <summary>Stream instances, server-paged and sorted; the shown page is queried again when a batch touched any stream.</summary>
public sealed class StreamsViewModel(Func<StreamFilter, int, int, CancellationToken, Task<PagedResult<StreamItem>>> list)
    : SortedListModel<StreamItem, StreamsState, StreamFilter>(list, batch => batch.StreamIds.Count > 0)
{
    public StreamsViewModel(StreamQueries queries) : this(queries.ListAsync) { }
}
