using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
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
    [SupplyParameterFromQuery(Name = Keys.KeepAlives)] public string? KeepAlivesQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Duplicates)] public string? DuplicatesQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Paused)] public string? PausedQuery { get; set; }
    [SupplyParameterFromQuery(Name = Keys.Event)] public string? EventQuery { get; set; }

    private EventDetail? _selected;
    private string? _selectedLogin;
    /// <summary>Pause and the open drawer as the URL says (so a reload or a new circuit comes back to them).</summary>
    private EventsView _view = new();

    protected override EventsViewModel CreateModel() => new(Queries, Live);
    protected override EventsState Parse(string uri) => ConsoleUrls.ParseEvents(uri);
    protected override string UrlOf(EventsState state) => ConsoleUrls.Events(state, _view);

    protected override async Task OnParametersSetAsync()
    {
        _view = ConsoleUrls.ParseEventsView(Navigation.Uri);
        // Paused before the first load, so that what arrives meanwhile is counted, not shown.
        if (_view.Paused && !Model.Paused) Model.Pause();
        await base.OnParametersSetAsync();
        if (!_view.Paused && Model.Paused) await Model.ResumeAsync(Disposed);
        if (_view.EventId != _selected?.Id) await ShowDrawerAsync(_view.EventId);
    }

    private async Task ShowDrawerAsync(long? id)
    {
        _selected = id is { } eventId ? await Queries.GetAsync(eventId, Disposed) : null;
        _selectedLogin = _selected is null ? null : Model.Items.FirstOrDefault(i => i.Id == _selected.Id)?.Login;
    }

    private void Pause()
    {
        Model.Pause();
        _view = _view with { Paused = true };
        ShowInUrl(UrlOf(Model.State), replace: true);
    }

    private async Task ResumeAsync()
    {
        await Model.ResumeAsync(Disposed);
        _view = _view with { Paused = false };
        ShowInUrl(UrlOf(Model.State));
    }

    // The drawer is the URL's: opening is a history entry (Back closes it), and a reload shows it again.
    private async Task OpenAsync(long id)
    {
        _view = _view with { EventId = id };
        await ShowDrawerAsync(id);
        ShowInUrl(UrlOf(Model.State));
    }

    private async Task OnRowKeyAsync(KeyboardEventArgs key, long id)
    {
        if (key.Key is "Enter" or " ") await OpenAsync(id);
    }

    private Task OnDrawerChangedAsync(bool open)
    {
        if (open) return Task.CompletedTask;
        _view = _view with { EventId = null };
        _selected = null;
        ShowInUrl(UrlOf(Model.State), replace: true);
        return Task.CompletedTask;
    }

    protected override void OnDispose() => Model.Dispose();
}
