using System.Globalization;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Model;

/// <summary>
/// A server-paged list that follows the live feed: what the page shows (items, total, page) for a state (filters,
/// sort, page). Pages hand it states (from the URL or a form change) and render what it holds; it needs no component,
/// so tests drive it with a fake query.
/// </summary>
public abstract class LiveListModel<TItem, TState> where TState : class, IListState<TState>, IEquatable<TState>
{
    public const int PageSize = 50;

    protected LiveListModel(TState initial) => State = initial;

    /// <summary>The state shown (or being loaded); after a load past the last page, its page is the last page.</summary>
    public TState State { get; private set; }

    public IReadOnlyList<TItem> Items { get; protected set; } = [];
    public int Total { get; protected set; }
    /// <summary>More than <see cref="Total"/> match (the query counted up to a cap).</summary>
    public bool TotalCapped { get; protected set; }
    /// <summary>The total as the pages show it: "10,000+" when counting stopped at the cap.</summary>
    public string TotalText => Total.ToString("N0", CultureInfo.CurrentCulture) + (TotalCapped ? "+" : "");
    public int Page => State.Page;
    public int PageCount => PagesFor(Total);
    public bool Loaded { get; private set; }

    /// <summary>
    /// Bumped by every full load: a slower load or live refresh that started before another is stale and is dropped,
    /// so typing quickly into a filter never ends showing an older filter's rows.
    /// </summary>
    protected int Generation { get; private set; }

    /// <summary>One page of items for a state.</summary>
    protected abstract Task<PagedResult<TItem>> QueryAsync(TState state, int page, CancellationToken ct);

    /// <summary>Whether committed batches can change what the list shows (cheap, in memory).</summary>
    public abstract bool Wants(IReadOnlyList<CommittedBatch> batches);

    /// <summary>What the live feed calls: by default the shown page again.</summary>
    public virtual Task RefreshAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Shows a state; false (and no query) when it is the one shown already.</summary>
    public async Task<bool> ApplyAsync(TState state, CancellationToken ct)
    {
        // Equals, not ==: in a generic class == is reference equality, and states are compared by value.
        if (Loaded && state.Equals(State)) return false;
        var filterChanged = !Loaded || !state.WithPage(1).Equals(State.WithPage(1));
        State = state.WithPage(Math.Clamp(state.Page, 1, ConsoleUrls.MaxPage));
        if (filterChanged) OnFilterChanged();
        await LoadAsync(ct);
        return true;
    }

    /// <summary>A filter or sort change: back to page 1.</summary>
    public Task<bool> ChangeAsync(Func<TState, TState> change, CancellationToken ct) => ApplyAsync(change(State).WithPage(1), ct);

    public Task<bool> GoToPageAsync(int page, CancellationToken ct) => ApplyAsync(State.WithPage(page), ct);

    /// <summary>Loads <see cref="State"/>'s page; past the last page (an old link, a hand-edited URL) the last page instead.</summary>
    protected async Task LoadAsync(CancellationToken ct)
    {
        var generation = ++Generation;
        var state = State;
        var result = await QueryAsync(state, state.Page, ct);
        if (generation != Generation) return;
        if (result.Items.Count == 0 && state.Page > 1 && PagesFor(result.Total) < state.Page)
        {
            state = state.WithPage(PagesFor(result.Total));
            result = await QueryAsync(state, state.Page, ct);
            if (generation != Generation) return;
        }
        State = state;
        Items = result.Items.ToList();
        Total = result.Total;
        TotalCapped = result.TotalCapped;
        Loaded = true;
        await OnLoadedAsync(ct);
    }

    protected virtual void OnFilterChanged() { }

    protected virtual Task OnLoadedAsync(CancellationToken ct) => Task.CompletedTask;

    private static int PagesFor(int total) => Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
}
