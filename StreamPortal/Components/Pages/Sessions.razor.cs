using StreamPortal.Wcs;
using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Pages;

/// <summary>WCS connections, server-paged and sorted; re-queried when a batch touched any session.</summary>
public sealed partial class Sessions : PagedLivePage<SessionItem>
{
    internal static IReadOnlyList<string> SessionStatuses => SessionStatus.All;

    [Inject] private SessionQueries Queries { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "login")] public string? LoginQuery { get; set; }

    private string? _status, _appKey, _origin, _login, _q;

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

    protected override Task<PagedResult<SessionItem>> QueryAsync(int page) => Queries.ListAsync(Filter, page, PageSize, Disposed);
}
