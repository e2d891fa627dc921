using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using StreamPortal.Rules;
using StreamPortal.Wcs;

namespace StreamPortal.Components.Dialogs;

/// <summary>Create/edit form of one rule: messages per field, the predicted effect as you type, a dry run.</summary>
public sealed partial class RuleEditor
{
    [Inject] private RuleService Service { get; set; } = null!;
    [Inject] private RuleEffects Effects { get; set; } = null!;
    [Inject] private RuleDryRun DryRun { get; set; } = null!;
    [Inject] private IOptions<RuleOptions> Options { get; set; } = null!;

    [Parameter, EditorRequired] public RuleForm Form { get; set; } = new();
    /// <summary>Null: a new rule.</summary>
    [Parameter] public long? RuleId { get; set; }
    [Parameter] public bool CanEdit { get; set; }
    [Parameter] public EventCallback<RuleView> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private Dictionary<string, string[]> _errors = [];
    private DryRunResult? _dryRun;
    private bool _saving;

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

    private IReadOnlyList<string> Predicted => Effects.PredictDraft(Form.ToInput().Rule, null);

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
        var result = await DryRun.RunAsync(new DryRunRequest(Form.ToInput().Rule, RuleDryRun.DefaultLimit), CancellationToken.None);
        if (result.Errors is { } errors) _errors = errors;
        else if (result.Busy) _errors = new() { ["$"] = ["Another dry run is running; try again in a moment."] };
        else _dryRun = result.Value;
    }
}
