using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Pages;

/// <summary>Stream instances, server-paged and sorted; the page re-queries when a batch touched any stream.</summary>
public sealed partial class Streams : LivePage
{
    public const int PageSize = 50;
    internal static readonly string[] StreamStatuses = ["PENDING", "PUBLISHING", "PLAYING", "UNPUBLISHED", "STOPPED", "FAILED"];

    [Inject] private StreamQueries Queries { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "name")] public string? NameQuery { get; set; }
    [SupplyParameterFromQuery(Name = "appKey")] public string? AppKeyQuery { get; set; }

    private string? _name, _status, _appKey, _nodeId, _from, _to;
    private bool? _published;
    private string _sort = "firstSeen";
    private bool _descending = true;
    private List<StreamItem> _items = [];
    private int _total;
    private int _page = 1;

    private int PageCount => Math.Max(1, (int)Math.Ceiling(_total / (double)PageSize));

    private StreamFilter Filter => new()
    {
        Name = Blank(_name), Status = Blank(_status), AppKey = Blank(_appKey), Published = _published, NodeId = Blank(_nodeId),
        FromMs = EventFilterForm.UtcMs(_from), ToMs = EventFilterForm.UtcMs(_to), Sort = _sort, Descending = _descending,
    };

    protected override async Task OnInitializedAsync()
    {
        _status = StatusQuery;
        _name = NameQuery;
        _appKey = AppKeyQuery;
        await LoadAsync(1);
        await FollowAsync(batches => batches.Any(b => b.StreamIds.Count > 0), () => LoadAsync(_page));
    }

    private async Task SetAsync(Action change)
    {
        change();
        await LoadAsync(1);
    }

    private async Task SortAsync((string Column, bool Descending) sort)
    {
        (_sort, _descending) = sort;
        await LoadAsync(1);
    }

    private async Task LoadAsync(int page)
    {
        var result = await Queries.ListAsync(Filter, page, PageSize, Disposed);
        (_items, _total, _page) = (result.Items.ToList(), result.Total, page);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

}
