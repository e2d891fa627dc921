using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using StreamPortal.Auth;
using StreamPortal.Components.Controls;
using StreamPortal.Components.Dialogs;
using StreamPortal.Components.Model;
using StreamPortal.Rules;

namespace StreamPortal.Components.Pages.Rules;

/// <summary>
/// The rule list in evaluation order: a live page whose list and edits are <see cref="RulesViewModel"/>'s; here
/// only what needs the UI (the confirmation, the editor dialog).
/// </summary>
public sealed partial class Rules : LivePage
{
    [Inject] private RuleService Service { get; set; } = null!;
    [Inject] private RuleEngine Engine { get; set; } = null!;
    [Inject] private RuleEffects Effects { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private PassThroughSwitch PassThrough { get; set; } = null!;
    [Inject] private LiveSessionPolicies LiveSessions { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>/rules?id=N (the event drawer's "Matched rule" link): that rule is opened in the editor.</summary>
    [SupplyParameterFromQuery(Name = RuleLinks.IdKey)] public long? OpenId { get; set; }

    private RulesViewModel? _model;
    /// <summary>Set when ?id= names no rule (deleted since the link was made).</summary>
    private bool _missing;
    private bool _opened;

    protected override async Task OnInitializedAsync()
    {
        var canEdit = AuthState is not null && (await AuthState).User.IsInRole(PortalRoles.Admin);
        _model = new RulesViewModel(Service, Engine, PassThrough, canEdit, LiveSessions);
        PassThrough.Changed += OnPassThroughChanged;
        await _model.LoadAsync(Disposed);
        // Counters are read at render time from the engine: re-rendering is all a hit needs.
        Follow(_model.Wants, () => Task.CompletedTask);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Dialogs need the circuit: the linked rule opens once the page is interactive, not while prerendering.
        if (_opened || OpenId is not { } id || _model?.Rules is null || !RendererInfo.IsInteractive) return;
        _opened = true;
        if (_model.Find(id) is { } rule) await EditAsync(rule);
        else
        {
            _missing = true;
            StateHasChanged();
        }
    }

    private void OnPassThroughChanged(bool on) => _ = InvokeAsync(() =>
    {
        _model?.PassThroughChanged(on);
        StateHasChanged();
    });

    private async Task DeleteAsync(RuleView rule)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete rule", $"Delete rule '{rule.Name}'? Its events keep its name.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await _model!.DeleteAsync(rule, Disposed);
    }

    private Task CreateAsync() => OpenEditorAsync(new RuleForm(), null, "New rule");

    private Task EditAsync(RuleView rule) =>
        OpenEditorAsync(RuleForm.From(rule.ToDefinition()), rule.Id, _model!.CanEdit ? $"Edit rule {rule.Name}" : rule.Name);

    private async Task OpenEditorAsync(RuleForm form, long? id, string title)
    {
        var parameters = new DialogParameters<RuleEditorDialog>
        {
            { d => d.Form, form },
            { d => d.RuleId, id },
            { d => d.CanEdit, _model!.CanEdit },
        };
        var dialog = await Dialogs.ShowAsync<RuleEditorDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false }) await _model!.LoadAsync(Disposed);
    }

    protected override void OnDispose() => PassThrough.Changed -= OnPassThroughChanged;
}
