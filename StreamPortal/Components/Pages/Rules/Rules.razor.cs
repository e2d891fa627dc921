using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using StreamPortal.Auth;
using StreamPortal.Components.Dialogs;
using StreamPortal.Live;
using StreamPortal.Rules;

namespace StreamPortal.Components.Pages.Rules;

/// <summary>
/// The rule list in evaluation order. Hit counters are read from the engine (memory), refreshed when the live
/// feed reports events that a rule answered; everything else goes through <see cref="RuleService"/>.
/// </summary>
public sealed partial class Rules
{
    [Inject] private RuleService Service { get; set; } = null!;
    [Inject] private RuleEngine Engine { get; set; } = null!;
    [Inject] private HookFeed Feed { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private PassThroughSwitch PassThrough { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<RuleView>? _rules;
    private bool _canEdit;
    private bool _passThrough;
    private ThrottledSubscription? _subscription;

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null) _canEdit = (await AuthState).User.IsInRole(PortalRoles.Admin);
        _passThrough = PassThrough.IsOn;
        PassThrough.Changed += OnPassThroughChanged;
        _subscription = new ThrottledSubscription(Feed, OnBatchesAsync);
        await LoadAsync();
    }

    private async Task LoadAsync() => _rules = await Service.ListAsync(null, CancellationToken.None);

    private long Hits(RuleView rule) => Engine.CountersOf(rule.Id)?.Hits ?? rule.HitCount;

    private DateTimeOffset? LastHit(RuleView rule) =>
        Engine.CountersOf(rule.Id)?.LastHitAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : rule.LastHitAt;

    private Task OnBatchesAsync(IReadOnlyList<CommittedBatch> batches)
    {
        // Counters are read at render time from the engine: re-rendering is all a hit needs.
        if (!batches.Any(b => b.Events.Any(e => e.RuleId is not null))) return Task.CompletedTask;
        return InvokeAsync(StateHasChanged);
    }

    private void OnPassThroughChanged(bool on) => _ = InvokeAsync(() =>
    {
        _passThrough = on;
        StateHasChanged();
    });

    private async Task SetPassThroughAsync(bool on)
    {
        if (!_canEdit) return;
        await PassThrough.SetAsync(on, CancellationToken.None);
        _passThrough = PassThrough.IsOn;
    }

    private async Task ToggleAsync(RuleView rule, bool enabled)
    {
        if (!_canEdit) return;
        await Service.SetEnabledAsync(rule.Id, enabled, CancellationToken.None);
        await LoadAsync();
    }

    private async Task MoveAsync(RuleView rule, int delta)
    {
        await Service.MoveAsync(rule.Id, delta, CancellationToken.None);
        await LoadAsync();
    }

    private async Task ResetAsync(RuleView rule)
    {
        await Service.ResetCountersAsync(rule.Id, CancellationToken.None);
        await LoadAsync();
    }

    private async Task DeleteAsync(RuleView rule)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete rule", $"Delete rule '{rule.Name}'? Its events keep its name.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await Service.DeleteAsync(rule.Id, CancellationToken.None);
        await LoadAsync();
    }

    private Task CreateAsync() => OpenEditorAsync(new RuleForm(), null, "New rule");

    private Task EditAsync(RuleView rule) => OpenEditorAsync(RuleForm.From(rule.ToDefinition()), rule.Id, _canEdit ? $"Edit rule {rule.Name}" : rule.Name);

    private async Task OpenEditorAsync(RuleForm form, long? id, string title)
    {
        var parameters = new DialogParameters<RuleEditorDialog>
        {
            { d => d.Form, form },
            { d => d.RuleId, id },
            { d => d.CanEdit, _canEdit },
        };
        var dialog = await Dialogs.ShowAsync<RuleEditorDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false }) await LoadAsync();
    }

    public void Dispose()
    {
        PassThrough.Changed -= OnPassThroughChanged;
        _subscription?.Dispose();
    }
}
