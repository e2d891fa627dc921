using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using Keys = StreamPortal.Components.Model.ConsoleUrls.Keys;

namespace StreamPortal.Components.Pages;

/// <summary>WCS connections; what it shows is <see cref="SessionsViewModel"/>'s, its filters, sort and page are the URL's.</summary>
public sealed partial class Sessions : LivePage
{
    [Inject] private SessionQueries Queries { get; set; } = default!;

    // Declared so that a changed query string (Back) sets parameters again; the state is parsed in ConsoleUrls.
    [SupplyParameterFromQuery(Name = Keys.Status)] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.AppKey)] public string? AppKeyQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Origin)] public string? OriginQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Login)] public string? LoginQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Q)] public string? TextQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Sort)] public string? SortQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Order)] public string? OrderQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Page)] public string? PageQuery { get; set; }

    private SessionsViewModel _model = default!;

    protected override void OnInitialized() => _model = new SessionsViewModel(Queries);

    protected override async Task OnParametersSetAsync()
    {
        if (await _model.ApplyAsync(ConsoleUrls.ParseSessions(Navigation.Uri), Disposed))
            ShowInUrl(ConsoleUrls.Sessions(_model.State), replace: true);
        await FollowAsync(_model.Wants, () => _model.RefreshAsync(Disposed));
    }

    private async Task SetAsync(Func<SessionsState, SessionsState> change)
    {
        if (await _model.ChangeAsync(change, Disposed)) ShowInUrl(ConsoleUrls.Sessions(_model.State));
    }

    private async Task SortAsync((string Column, bool Descending) sort)
    {
        if (await _model.SortAsync(sort.Column, sort.Descending, Disposed)) ShowInUrl(ConsoleUrls.Sessions(_model.State));
    }

    private async Task GoToPageAsync(int page)
    {
        if (await _model.GoToPageAsync(page, Disposed)) ShowInUrl(ConsoleUrls.Sessions(_model.State));
    }
}
