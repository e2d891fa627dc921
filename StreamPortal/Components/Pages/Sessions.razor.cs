using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Pages;

/// <summary>WCS connections, server-paged and sorted; re-queried when a batch touched any session.</summary>
public sealed partial class Sessions : LivePage
{
    public const int PageSize = 50;
    internal static readonly string[] SessionStatuses = ["ESTABLISHED", "FAILED", "DISCONNECTED"];

    [Inject] private SessionQueries Queries { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "login")] public string? LoginQuery { get; set; }

    private string? _status, _appKey, _origin, _login, _q;
    private string _sort = "firstSeen";
    private bool _descending = true;
    private List<SessionItem> _items = [];
    private int _total;
    private int _page = 1;

    private int PageCount => Math.Max(1, (int)Math.Ceiling(_total / (double)PageSize));

    private SessionFilter Filter => new()
    {
        Status = Blank(_status), AppKey = Blank(_appKey), Origin = Blank(_origin), Login = Blank(_login), Q = Blank(_q),
        Sort = _sort, Descending = _descending,
    };

    protected override async Task OnInitializedAsync()
    {
        _status = StatusQuery;
        _login = LoginQuery;
        await LoadAsync(1);
        await FollowAsync(batches => batches.Any(b => b.SessionIds.Count > 0), () => LoadAsync(_page));
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
