using StreamPortal.Live;
using StreamPortal.Rules;

namespace StreamPortal.Components.Model;

/// <summary>
/// The rule list in evaluation order and what the page does to it. Every call to the rule services goes through here,
/// so a change to them touches this file, not the page. Hit counters are read from the engine (memory) at
/// render time; a batch with events that a rule answered is all a refresh needs.
/// </summary>
/// <param name="liveSessions">Null: no live-session counts beside the predictions.</param>
public sealed class RulesViewModel(RuleService service, RuleEngine engine, PassThroughSwitch passThrough, bool canEdit,
    LiveSessionPolicies? liveSessions = null)
{
    private LiveSessionPolicies.Snapshot _live = LiveSessionPolicies.Snapshot.Empty;

    public IReadOnlyList<RuleView>? Rules { get; private set; }
    public bool CanEdit => canEdit;
    public bool PassThrough { get; private set; } = passThrough.IsOn;

    public async Task LoadAsync(CancellationToken ct)
    {
        Rules = await service.ListAsync(null, ct);
        if (liveSessions is not null) _live = await liveSessions.LoadAsync(ct);
    }

    /// <summary>The rule opened from a link (/rules?id=N); null when there is no such rule (deleted, or a wrong id).</summary>
    public RuleView? Find(long id) => Rules?.FirstOrDefault(r => r.Id == id);

    /// <summary>What the live sessions were given at connect for the rule's methods (one read per load, for every row).</summary>
    public IReadOnlyList<string> LiveSessionEffect(RuleView rule) => _live.Describe(rule.ToDefinition());

    public bool Wants(IReadOnlyList<CommittedBatch> batches) => batches.Any(b => b.Events.Any(e => e.RuleId is not null));

    public long Hits(RuleView rule) => engine.CountersOf(rule.Id)?.Hits ?? rule.HitCount;

    public DateTimeOffset? LastHit(RuleView rule) =>
        engine.CountersOf(rule.Id)?.LastHitAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : rule.LastHitAt;

    /// <summary>The switch was flipped elsewhere (another page, the API).</summary>
    public void PassThroughChanged(bool on) => PassThrough = on;

    public async Task SetPassThroughAsync(bool on, CancellationToken ct)
    {
        if (!canEdit) return;
        await passThrough.SetAsync(on, ct);
        PassThrough = passThrough.IsOn;
    }

    public Task SetEnabledAsync(RuleView rule, bool enabled, CancellationToken ct) =>
        EditAsync(() => service.SetEnabledAsync(rule.Id, enabled, ct), ct);

    public Task MoveAsync(RuleView rule, int delta, CancellationToken ct) => EditAsync(() => service.MoveAsync(rule.Id, delta, ct), ct);

    public Task ResetAsync(RuleView rule, CancellationToken ct) => EditAsync(() => service.ResetCountersAsync(rule.Id, ct), ct);

    /// <summary>Deletes without asking: the page asks first.</summary>
    public Task DeleteAsync(RuleView rule, CancellationToken ct) => EditAsync(() => service.DeleteAsync(rule.Id, ct), ct);

    /// <summary>A viewer's click does nothing (the controls are disabled or hidden; this is the check that counts).</summary>
    private async Task EditAsync(Func<Task<bool>> edit, CancellationToken ct)
    {
        if (!canEdit) return;
        await edit();
        await LoadAsync(ct);
    }
}
