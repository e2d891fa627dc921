using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using StreamPortal.Live;
using Keys = StreamPortal.Components.Model.ConsoleUrls.Keys;

namespace StreamPortal.Components.Pages;

/// <summary>
/// The live tail; what it shows is <see cref="EventsViewModel"/>'s, its filters and page are the URL's
/// (<see cref="ConsoleUrls"/>), so a filtered view is a link and Back returns to the previous filter.
/// </summary>
public sealed partial class Events : ListPage<EventsViewModel, EventItem, EventsState>
{
    [Inject] private EventQueries Queries { get; set; } = default!;
    [Inject] private LiveState Live { get; set; } = default!;

    // Declared so that Blazor sets the parameters again (and OnParametersSet runs) when the query string changes, as
    // Back does; the state is parsed from the whole URL in one place. Strings: a bad value must not fail the page.
    [SupplyParameterFromQuery(Name = Keys.Method)] public string? MethodQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Kind)] public string? KindQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.AppKey)] public string? AppKeyQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Stream)] public string? StreamQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.SessionId)] public string? SessionQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.MediaSessionId)] public string? MediaSessionQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Status)] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.AnswerStatus)] public string? AnswerStatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Answer)] public string? AnswerQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.RuleId)] public string? RuleQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.From)] public string? FromQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.To)] public string? ToQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Q)] public string? TextQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Page)] public string? PageQuery { get; set; }

    private EventDetail? _selected;

    protected override EventsViewModel CreateModel() => new(Queries, Live);
    protected override EventsState Parse(string uri) => ConsoleUrls.ParseEvents(uri);
    protected override string UrlOf(EventsState state) => ConsoleUrls.Events(state);

    private async Task ResumeAsync()
    {
        await Model.ResumeAsync(Disposed);
        ShowInUrl(UrlOf(Model.State));
    }

    private async Task OpenAsync(long id) => _selected = await Queries.GetAsync(id, Disposed);

    protected override void OnDispose() => Model.Dispose();
}
