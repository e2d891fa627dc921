using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using Keys = StreamPortal.Components.Model.ConsoleUrls.Keys;

namespace StreamPortal.Components.Pages;

/// <summary>WCS connections; what it shows is <see cref="SessionsViewModel"/>'s, its filters, sort and page are the URL's.</summary>
public sealed partial class Sessions : ListPage<SessionsViewModel, SessionItem, SessionsState>
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

    protected override SessionsViewModel CreateModel() => new(Queries);
    protected override SessionsState Parse(string uri) => ConsoleUrls.ParseSessions(uri);
    protected override string UrlOf(SessionsState state) => ConsoleUrls.Sessions(state);

    private Task SortAsync((string Column, bool Descending) sort) => SetAsync(s => s.WithSort(sort.Column, sort.Descending));
}
