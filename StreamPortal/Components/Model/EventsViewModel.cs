using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Model;

/// <summary>
/// The live tail of stored hooks, newest first. Live on page 1: new matching events are fetched by id (AfterId = the
/// newest shown), so a refresh costs only what arrived. Paused, or on a later page, the rows stay put and
/// <see cref="NewCount"/> counts what arrived (in the database, so nothing is dropped); resume reloads page 1.
/// </summary>
public sealed class EventsViewModel(EventsViewModel.List list, EventsViewModel.Count count, LiveState? live = null)
    : LiveListModel<EventItem, EventsState>(new EventsState()), IDisposable
{
    /// <summary><see cref="EventQueries.ListAsync"/>'s shape: the queries are concrete over the database, delegates let tests pass a fake.</summary>
    public delegate Task<PagedResult<EventItem>> List(EventFilter filter, int page, int pageSize, CancellationToken ct);

    /// <summary><see cref="EventQueries.CountAsync"/>'s shape.</summary>
    public delegate Task<int> Count(EventFilter filter, CancellationToken ct);

    /// <summary>Newest matching id when page 1 was last loaded: what "new" is counted after.</summary>
    private long _newestId;

    public EventsViewModel(EventQueries queries, LiveState? live = null) : this(queries.ListAsync, queries.CountAsync, live) { }

    public bool Paused { get; private set; }

    /// <summary>Matching events stored after the newest one shown, while the rows stay put.</summary>
    public int NewCount { get; private set; }

    /// <summary>Whether the rows follow the feed as it comes (page 1, not paused).</summary>
    public bool Following => !Paused && Page == 1;

    /// <summary>How the last page's free-text search was answered (null without one): shown beside the total.</summary>
    public SearchCoverage? Search { get; private set; }

    protected override async Task<PagedResult<EventItem>> QueryAsync(EventsState state, int page, CancellationToken ct)
    {
        var result = await list(state.ToFilter(), page, PageSize, ct);
        Search = result.Search;
        return result;
    }

    /// <summary>The lowest event id the feed brought since the last refresh (long.MaxValue: none).</summary>
    private long _lowestArrived = long.MaxValue;

    public override bool Wants(IReadOnlyList<CommittedBatch> batches)
    {
        var lowest = long.MaxValue;
        foreach (var b in batches)
            foreach (var e in b.Events)
                lowest = Math.Min(lowest, e.Id);
        if (lowest == long.MaxValue) return false;
        // Wants runs on the feed's side, the refresh on the renderer: the exchange hands the value over.
        long seen;
        do seen = Interlocked.Read(ref _lowestArrived);
        while (lowest < seen && Interlocked.CompareExchange(ref _lowestArrived, lowest, seen) != seen);
        return true;
    }

    public override async Task RefreshAsync(CancellationToken ct)
    {
        var generation = Generation;
        var after = _newestId;
        var lowest = Interlocked.Exchange(ref _lowestArrived, long.MaxValue);
        if (Following && lowest <= after)
        {
            // In a cluster every instance's writer takes ids from one sequence but commits in its own time, so an event
            // may arrive with an id below the newest shown; asking for ids after that one would skip it: reload instead.
            await LoadAsync(ct);
            return;
        }
        var filter = State.ToFilter() with { AfterId = after };
        if (!Following)
        {
            var arrived = await count(filter, ct);
            if (generation == Generation && !Following) NewCount = arrived;
            return;
        }
        var fresh = await list(filter, 1, PageSize, ct);
        // A full load, a pause or another merge since the query started makes this one stale.
        if (generation != Generation || !Following || after != _newestId) return;
        if (fresh.Total >= PageSize) await LoadAsync(ct);
        else if (fresh.Total > 0)
        {
            Items = [.. fresh.Items, .. Items.Take(PageSize - fresh.Items.Count)];
            var (total, capped) = ListCount.Of(Total + fresh.Total);
            Total = total;
            TotalCapped |= capped;
            _newestId = Items[0].Id;
        }
    }

    public void Pause()
    {
        Paused = true;
        live?.SetPaused(true);
    }

    /// <summary>Follows the feed again from page 1, with everything that arrived.</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        Paused = false;
        live?.SetPaused(false);
        if (Page == 1) await LoadAsync(ct);
        else await GoToPageAsync(1, ct);
    }

    protected override void OnFilterChanged() => NewCount = 0;

    protected override async Task OnLoadedAsync(CancellationToken ct)
    {
        if (Page == 1)
        {
            if (Items.Count > 0) _newestId = Items[0].Id;
            NewCount = 0;
        }
        else if (_newestId == 0)
        {
            // Opened on a later page (a link): "new" starts from the newest matching event now, not from the first ever.
            var newest = await list(State.ToFilter(), 1, 1, ct);
            if (newest.Items.Count > 0) _newestId = newest.Items[0].Id;
        }
    }

    /// <summary>Leaving the page ends its pause: the app bar's indicator is per circuit.</summary>
    public void Dispose() => live?.SetPaused(false);
}
