using StreamPortal.Data.Queries;
using StreamPortal.Wcs;

namespace StreamPortal.Components.Model;

/// <summary>The Events page's filters and page; times are UTC in the datetime-local format the form edits.</summary>
public sealed record EventsState : IListState<EventsState>
{
    public string? Method { get; init; }
    public HookKind? Kind { get; init; }
    public string? AppKey { get; init; }
    public string? Stream { get; init; }
    public string? SessionId { get; init; }
    public string? MediaSessionId { get; init; }
    public string? Status { get; init; }
    public int? AnswerStatus { get; init; }
    /// <summary>A group of answers (not 200, 4xx, 5xx, rejected): what triage starts from.</summary>
    public AnswerClass? Answer { get; init; }
    /// <summary>Keep-alives are hidden unless asked for: they outnumber every other hook by far.</summary>
    public bool ShowKeepAlives { get; init; }
    public long? RuleId { get; init; }
    /// <summary>Re-sent copies of a hook (duplicateOf set): shown, hidden, or alone.</summary>
    public DuplicateChoice Duplicates { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Q { get; init; }
    public int Page { get; init; } = 1;

    public EventsState WithPage(int page) => this with { Page = page };

    public EventFilter ToFilter() => new()
    {
        Method = FilterText.Blank(Method), Kind = Kind, AppKey = FilterText.Blank(AppKey), Stream = FilterText.Blank(Stream),
        SessionId = FilterText.Blank(SessionId), MediaSessionId = FilterText.Blank(MediaSessionId), Status = FilterText.Blank(Status),
        AnswerStatus = AnswerStatus, Answer = Answer, RuleId = RuleId, Duplicates = Duplicates,
        // Asking for the keep-alive method by name shows them, whatever the switch says.
        HideKeepAlives = !ShowKeepAlives && !KeepAlive.Is(FilterText.Blank(Method)), FromMs = FilterText.UtcMs(From), ToMs = FilterText.UtcMs(To), Q = FilterText.Blank(Q),
    };
}
