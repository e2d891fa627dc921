using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using Keys = StreamPortal.Components.Model.ConsoleUrls.Keys;

namespace StreamPortal.Components.Pages;

/// <summary>Stream instances; what it shows is <see cref="StreamsViewModel"/>'s, its filters, sort and page are the URL's.</summary>
public sealed partial class Streams : ListPage<StreamsViewModel, StreamItem, StreamsState>
{
    [Inject] private StreamQueries Queries { get; set; } = default!;

    // Declared so that a changed query string (Back) sets parameters again; the state is parsed in ConsoleUrls.
    [SupplyParameterFromQuery(Name = Keys.Name)] public string? NameQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Status)] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.AppKey)] public string? AppKeyQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Role)] public string? RoleQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Node)] public string? NodeQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.From)] public string? FromQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.To)] public string? ToQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Sort)] public string? SortQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Order)] public string? OrderQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Page)] public string? PageQuery { get; set; }

    protected override StreamsViewModel CreateModel() => new(Queries);
    protected override StreamsState Parse(string uri) => ConsoleUrls.ParseStreams(uri);
    protected override string UrlOf(StreamsState state) => ConsoleUrls.Streams(state);

    private Task SortAsync((string Column, bool Descending) sort) => SetAsync(s => s.WithSort(sort.Column, sort.Descending));
}
