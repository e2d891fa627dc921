using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Controls;

/// <summary>
/// A live, server-paged and sortable grid page (Streams, Sessions): the page keeps its filter fields, this keeps
/// the page of items, the sort and the reload after a filter or sort change.
/// </summary>
public abstract class PagedLivePage<TItem> : LivePage
{
    public const int PageSize = 50;

    protected string _sort = "firstSeen";
    protected bool _descending = true;
    protected List<TItem> _items = [];
    protected int _total;
    protected int _page = 1;

    protected int PageCount => Math.Max(1, (int)Math.Ceiling(_total / (double)PageSize));

    /// <summary>One page of items under the page's current filter and sort.</summary>
    protected abstract Task<PagedResult<TItem>> QueryAsync(int page);

    protected async Task SetAsync(Action change)
    {
        change();
        await LoadAsync(1);
    }

    protected async Task SortAsync((string Column, bool Descending) sort)
    {
        (_sort, _descending) = sort;
        await LoadAsync(1);
    }

    protected async Task LoadAsync(int page)
    {
        var result = await QueryAsync(page);
        (_items, _total, _page) = (result.Items.ToList(), result.Total, page);
    }

    protected static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
