using StreamPortal.Wcs;
using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Pages;

/// <summary>Stream instances, server-paged and sorted; the page re-queries when a batch touched any stream.</summary>
public sealed partial class Streams : PagedLivePage<StreamItem>
{
    internal static IReadOnlyList<string> StreamStatuses => StreamStatus.All;

    [Inject] private StreamQueries Queries { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "name")] public string? NameQuery { get; set; }
    [SupplyParameterFromQuery(Name = "appKey")] public string? AppKeyQuery { get; set; }

    private string? _name, _status, _appKey, _nodeId, _from, _to;
    private bool? _published;

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

    protected override Task<PagedResult<StreamItem>> QueryAsync(int page) => Queries.ListAsync(Filter, page, PageSize, Disposed);
}
