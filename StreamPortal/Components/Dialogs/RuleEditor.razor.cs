using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using StreamPortal.Rules;
using StreamPortal.Wcs;

namespace StreamPortal.Components.Dialogs;

/// <summary>
/// Create/edit form of one rule: messages per field, appKey and stream names suggested from traffic, "active for"
/// choices, the predicted effect as you type (with what the live sessions were given at connect), a dry run over a
/// chosen window.
/// </summary>
public sealed partial class RuleEditor
{
    [Inject] private RuleService Service { get; set; } = null!;
    [Inject] private RuleEffects Effects { get; set; } = null!;
    [Inject] private RuleDryRun DryRun { get; set; } = null!;
    [Inject] private RuleSuggestions Suggestions { get; set; } = null!;
    [Inject] private LiveSessionPolicies LiveSessions { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private IOptions<RuleOptions> Options { get; set; } = null!;

    [Parameter, EditorRequired] public RuleForm Form { get; set; } = new();
    /// <summary>Null: a new rule.</summary>
    [Parameter] public long? RuleId { get; set; }
    [Parameter] public bool CanEdit { get; set; }
    [Parameter] public EventCallback<RuleView> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    /// <summary>The dry run's windows; null: every stored event (still at most <see cref="RuleDryRun.DefaultLimit"/> of the newest).</summary>
    internal static readonly IReadOnlyList<(string Label, string Key, TimeSpan? Span)> DryRunWindows =
    [
        ("Last 15 min", "15m", TimeSpan.FromMinutes(15)),
        ("Last hour", "1h", TimeSpan.FromHours(1)),
        ("Last 24 h", "24h", TimeSpan.FromHours(24)),
        ("All stored", "all", null),
    ];

    private Dictionary<string, string[]> _errors = [];
    private DryRunResult? _dryRun;
    private bool _saving;
    private string _window = "1h";
    private bool _includeKeepAlives;
    /// <summary>The "Active for" choice last clicked (highlighted); null when the end was picked or loaded.</summary>
    private string? _activeFor;
    private LiveSessionPolicies.Snapshot _live = LiveSessionPolicies.Snapshot.Empty;

    protected override async Task OnInitializedAsync()
    {
        if (string.IsNullOrWhiteSpace(Form.ActiveUntil)) _activeFor = "off";
        _live = await LiveSessions.LoadAsync(CancellationToken.None);
    }

    private bool Has(string key) => _errors.ContainsKey(key);
    private string? Err(string key) => _errors.TryGetValue(key, out var m) ? string.Join(" ", m) : null;

    private bool HeaderError => _errors.Keys.Any(k => k.StartsWith("answer.headers", StringComparison.Ordinal));
    private string? HeaderErrorText => string.Join(" ", _errors.Where(e => e.Key.StartsWith("answer.headers", StringComparison.Ordinal)).SelectMany(e => e.Value));

    private IReadOnlyCollection<string> SelectedMethods => RuleForm.SplitList(Form.Methods);

    /// <summary>The catalogue's methods, plus any other name the rule already has (the API accepts methods WCS may add later).</summary>
    private IEnumerable<string> MethodChoices => HookCatalogue.Methods.Concat(SelectedMethods.Where(m => !HookCatalogue.Methods.Contains(m)));

    private void SetMethods(IReadOnlyCollection<string>? methods)
    {
        var chosen = (methods ?? []).ToHashSet(StringComparer.Ordinal);
        // Catalogue order, not click order, so the list reads the same way every time.
        Form.Methods = string.Join(", ", MethodChoices.Where(chosen.Contains));
    }

    private async Task<IEnumerable<string>> SuggestAppKeysAsync(string? typed, CancellationToken ct) => await Suggestions.AppKeysAsync(typed, ct);
    private async Task<IEnumerable<string>> SuggestStreamNamesAsync(string? typed, CancellationToken ct) => await Suggestions.StreamNamesAsync(typed, ct);

    private IReadOnlyList<string> Predicted => Effects.PredictDraft(Form.ToInput().Rule, null);

    private IReadOnlyList<string> LiveSessionLines => _live.Describe(RuleNormalizer.Normalize(Form.ToInput().Rule));

    private void SetActiveFor(string key, TimeSpan? span)
    {
        _activeFor = key;
        Form.ActiveFor(span, Time.GetUtcNow());
    }

    private void SetActiveUntil(DateTime? until)
    {
        _activeFor = until is null ? "off" : null;
        Form.ActiveUntilUtc = until;
    }

    private string ActiveUntilText
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Form.ActiveUntil)) return "Active until switched off.";
            if (Form.ActiveUntilUtc is not { } until) return "";
            var left = new DateTimeOffset(until, TimeSpan.Zero) - Time.GetUtcNow();
            var when = $"{until:yyyy-MM-dd HH:mm:ss} UTC";
            return left <= TimeSpan.Zero ? $"Ended at {when}: the rule no longer matches." : $"Active until {when} ({Remaining(left)} from now).";
        }
    }

    private static string Remaining(TimeSpan t) =>
        t.TotalMinutes < 1 ? "under a minute" : t.TotalHours < 2 ? $"{Math.Round(t.TotalMinutes)} min" : $"{t.TotalHours:0.#} h";

    private static string WindowText(DryRunResult dry) => (dry.From, dry.To) switch
    {
        (null, null) => "(all stored)",
        ({ } from, null) => $"since {from.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        ({ } from, { } to) => $"from {from.UtcDateTime:yyyy-MM-dd HH:mm} to {to.UtcDateTime:HH:mm} UTC",
        (null, { } to) => $"before {to.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
    };

    private async Task SaveAsync()
    {
        _errors = Form.Validate(Options.Value);
        if (_errors.Count > 0) return;
        _saving = true;
        try
        {
            var rule = Form.ToInput().Rule;
            var result = RuleId is { } id ? await Service.UpdateAsync(id, rule, CancellationToken.None) : await Service.CreateAsync(rule, CancellationToken.None);
            if (result.Errors is { } errors) _errors = errors;
            else if (result.NotFound) _errors = new() { ["$"] = ["The rule was deleted meanwhile."] };
            else await OnSaved.InvokeAsync(result.Value!);
        }
        finally { _saving = false; }
    }

    private async Task DryRunAsync()
    {
        if (!CanEdit) return;
        _errors = Form.Validate(Options.Value);
        if (_errors.Count > 0) return;
        var span = DryRunWindows.FirstOrDefault(w => w.Key == _window).Span;
        DateTimeOffset? from = span is { } s ? Time.GetUtcNow() - s : null;
        var request = new DryRunRequest(Form.ToInput().Rule, RuleDryRun.DefaultLimit, from, null, _includeKeepAlives);
        var result = await DryRun.RunAsync(request, CancellationToken.None);
        if (result.Errors is { } errors) _errors = errors;
        else if (result.Busy) _errors = new() { ["$"] = ["Another dry run is running; try again in a moment."] };
        else _dryRun = result.Value;
        _live = await LiveSessions.LoadAsync(CancellationToken.None);
    }
}
