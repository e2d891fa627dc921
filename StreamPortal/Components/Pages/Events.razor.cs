using System.Globalization;
using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Components.Pages;

/// <summary>
/// Live tail of stored hooks, newest first. Live: new matching events are fetched by id (AfterId), so a refresh costs
/// only what arrived. Paused (or on a later page): rows stay put and "N new" counts what arrived; resume reloads page 1.
/// </summary>
public sealed partial class Events : LivePage
{
    public const int PageSize = 50;

    [Inject] private EventQueries Queries { get; set; } = default!;
    [Inject] private LiveState Live { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "method")] public string? MethodQuery { get; set; }
    [SupplyParameterFromQuery(Name = "appKey")] public string? AppKeyQuery { get; set; }
    [SupplyParameterFromQuery(Name = "stream")] public string? StreamQuery { get; set; }
    [SupplyParameterFromQuery(Name = "sessionId")] public string? SessionQuery { get; set; }
    [SupplyParameterFromQuery(Name = "mediaSessionId")] public string? MediaSessionQuery { get; set; }
    [SupplyParameterFromQuery(Name = "answerStatus")] public int? AnswerStatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "ruleId")] public long? RuleQuery { get; set; }

    private readonly EventFilterForm _form = new();
    private EventFilter _filter = new();
    private List<EventItem> _items = [];
    private int _total;
    private int _page = 1;
    private bool _paused;
    private int _newCount;
    /// <summary>Newest matching id on page 1 when it was last loaded: what "new" is counted after.</summary>
    private long _newestId;
    private EventDetail? _selected;
    /// <summary>Bumped by every full load: a live refresh that started before one is stale and is dropped.</summary>
    private int _generation;

    private int PageCount => Math.Max(1, (int)Math.Ceiling(_total / (double)PageSize));

    protected override async Task OnInitializedAsync()
    {
        _form.Method = MethodQuery;
        _form.AppKey = AppKeyQuery;
        _form.Stream = StreamQuery;
        _form.SessionId = SessionQuery;
        _form.MediaSessionId = MediaSessionQuery;
        _form.AnswerStatus = AnswerStatusQuery;
        _form.RuleId = RuleQuery;
        _filter = _form.ToFilter();
        await LoadPageAsync(1);
        await FollowAsync(_ => true, RefreshLiveAsync);
    }

    private async Task SetAsync(Action change)
    {
        change();
        _filter = _form.ToFilter();
        _newCount = 0;
        await LoadPageAsync(1);
    }

    private async Task LoadPageAsync(int page)
    {
        var generation = ++_generation;
        var result = await Queries.ListAsync(_filter, page, PageSize, Disposed);
        if (generation != _generation) return;
        _items = result.Items.ToList();
        _total = result.Total;
        _page = page;
        if (page == 1)
        {
            _newestId = _items.Count > 0 ? _items[0].Id : _newestId;
            _newCount = 0;
        }
    }

    private async Task GoToPageAsync(int page) => await LoadPageAsync(page);

    private async Task RefreshLiveAsync()
    {
        var generation = _generation;
        var after = _newestId;
        if (_paused || _page != 1)
        {
            var count = await Queries.CountAsync(_filter with { AfterId = after }, Disposed);
            if (generation == _generation && (_paused || _page != 1)) _newCount = count;
        }
        else
        {
            var fresh = await Queries.ListAsync(_filter with { AfterId = after }, 1, PageSize, Disposed);
            if (generation != _generation || _paused || after != _newestId) return;
            if (fresh.Total >= PageSize) await LoadPageAsync(1);
            else if (fresh.Total > 0)
            {
                _items = [.. fresh.Items, .. _items];
                if (_items.Count > PageSize) _items.RemoveRange(PageSize, _items.Count - PageSize);
                _total += fresh.Total;
                _newestId = _items[0].Id;
            }
        }
    }

    private void Pause()
    {
        _paused = true;
        Live.SetPaused(true);
    }

    private async Task ResumeAsync()
    {
        _paused = false;
        Live.SetPaused(false);
        await LoadPageAsync(1);
    }

    private async Task OpenAsync(long id) => _selected = await Queries.GetAsync(id, Disposed);

    protected override void OnDispose() => Live.SetPaused(false);
}

/// <summary>The filter fields as the form edits them; times are UTC in the datetime-local format.</summary>
public sealed class EventFilterForm
{
    public string? Method { get; set; }
    public HookKind? Kind { get; set; }
    public string? AppKey { get; set; }
    public string? Stream { get; set; }
    public string? SessionId { get; set; }
    public string? MediaSessionId { get; set; }
    public string? Status { get; set; }
    public int? AnswerStatus { get; set; }
    public long? RuleId { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Q { get; set; }

    public EventFilter ToFilter() => new()
    {
        Method = Blank(Method), Kind = Kind, AppKey = Blank(AppKey), Stream = Blank(Stream), SessionId = Blank(SessionId),
        MediaSessionId = Blank(MediaSessionId), Status = Blank(Status), AnswerStatus = AnswerStatus, RuleId = RuleId,
        FromMs = UtcMs(From), ToMs = UtcMs(To), Q = Blank(Q),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static long? UtcMs(string? local) =>
        DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds()
            : null;
}
