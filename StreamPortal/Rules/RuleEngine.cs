using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StreamPortal.Data.Entities;

namespace StreamPortal.Rules;

/// <summary>
/// The hook responder: reads only immutable snapshots (rules in evaluation order, connect policies by appKey)
/// that <see cref="Publish"/> swaps in one reference write. Counters live beside the snapshots, keyed by rule id.
/// </summary>
public sealed class RuleEngine(
    PassThroughSwitch passThrough,
    IRandomSource random,
    TimeProvider time,
    ILogger<RuleEngine> logger,
    IOptions<RuleOptions>? options = null,
    IClusterHitCounter? clusterHits = null) : IHookResponder
{
    /// <param name="Problems">Why each stored rule that is not in <paramref name="Rules"/> was skipped.</param>
    private sealed record Snapshot(CompiledRule[] Rules, FrozenDictionary<string, PolicyEntry> Policies, FrozenDictionary<long, string> Problems);

    public sealed record PolicyEntry(string AppKey, IReadOnlyDictionary<string, MethodPolicy> Config, string Json, long UpdatedAtMs);

    private readonly ConcurrentDictionary<long, RuleCounters> _counters = new();
    private readonly Lock _publishGate = new();
    private volatile Snapshot _snapshot = new([], FrozenDictionary<string, PolicyEntry>.Empty, FrozenDictionary<long, string>.Empty);

    public HookDecision Decide(HookRequest request)
    {
        if (passThrough.IsOn) return HookDecision.Mirror;
        return Evaluate(request, _snapshot.Rules, 0, deferMaxHits: false, out _);
    }

    public ValueTask<HookDecision> DecideAsync(HookRequest request, CancellationToken ct)
    {
        if (passThrough.IsOn) return ValueTask.FromResult(HookDecision.Mirror);
        // Clustering off or Redis away: exactly the synchronous path (max-hits counted on this instance).
        if (clusterHits is not { IsAvailable: true }) return ValueTask.FromResult(Decide(request));
        var rules = _snapshot.Rules;
        var decision = Evaluate(request, rules, 0, deferMaxHits: true, out var pending);
        return pending < 0 ? ValueTask.FromResult(decision) : DecideInClusterAsync(request, rules, pending, ct);
    }

    /// <summary>
    /// The rules from <paramref name="start"/> on, in order. With <paramref name="deferMaxHits"/>, a max-hits rule whose
    /// conditions and other limits hold stops the walk (<paramref name="pending"/> is its index) for the cluster to
    /// take the hit; otherwise pending is -1 and the decision is final.
    /// </summary>
    private HookDecision Evaluate(HookRequest request, CompiledRule[] rules, int start, bool deferMaxHits, out int pending)
    {
        pending = -1;
        if (start >= rules.Length) return HookDecision.Mirror;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var body = new HookBodyView(request.Body);
        for (var i = start; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (!RuleMatcher.ConditionsHold(rule, request, body, logger)) continue;
            if (deferMaxHits && rule.MaxHits is not null)
            {
                if (!RuleMatcher.PassesLimitsBeforeMaxHits(rule, now, random)) continue;
                pending = i;
                return HookDecision.Mirror;
            }
            if (RuleMatcher.TryFire(rule, now, random)) return RuleMatcher.Decision(rule, random);
        }
        return HookDecision.Mirror;
    }

    /// <summary>
    /// Takes the pending max-hits rule's hit in Redis (atomic over every instance), then goes on with the next rules if
    /// it was spent. Redis not answering within its small timeout falls back to this instance's counter, which follows
    /// the cluster's count (so the fallback errs by the hits of the other instances since it last heard of them).
    /// </summary>
    private async ValueTask<HookDecision> DecideInClusterAsync(HookRequest request, CompiledRule[] rules, int pending, CancellationToken ct)
    {
        while (true)
        {
            var rule = rules[pending];
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var hit = await clusterHits!.TryHitAsync(rule.Id, rule.Generation, rule.MaxHits!.Value, rule.Counters.Hits, ct);
            var fires = hit.Outcome switch
            {
                ClusterHitOutcome.Taken => true,
                ClusterHitOutcome.Spent => false,
                _ => rule.Counters.TryHit(rule.MaxHits, now),
            };
            if (hit.Outcome != ClusterHitOutcome.Unavailable) rule.Counters.Observe(hit.Hits, fires ? now : null, rule.Generation);
            if (fires) return RuleMatcher.Decision(rule, random);
            var decision = Evaluate(request, rules, pending + 1, deferMaxHits: true, out pending);
            if (pending < 0) return decision;
        }
    }

    public string? RestClientConfigFor(string? appKey) =>
        passThrough.IsOn ? null : PolicyFor(appKey)?.Json;

    /// <summary>The policy in force for an appKey: its own, else "default", else none.</summary>
    public PolicyEntry? PolicyFor(string? appKey)
    {
        var policies = _snapshot.Policies;
        if (appKey is not null && policies.TryGetValue(appKey, out var own)) return own;
        return policies.GetValueOrDefault(ConnectPolicies.DefaultKey);
    }

    /// <summary>Every connect policy in force (the default one included), for predictions across apps.</summary>
    public IReadOnlyCollection<PolicyEntry> Policies => _snapshot.Policies.Values;

    /// <summary>The rules in evaluation order as last published (disabled ones included).</summary>
    public IReadOnlyList<CompiledRule> Rules => _snapshot.Rules;

    public RuleCounters? CountersOf(long ruleId) => _counters.GetValueOrDefault(ruleId);

    /// <summary>Why a stored rule is not being applied (null when it is): it no longer validates or compiles.</summary>
    public string? ProblemOf(long ruleId) => _snapshot.Problems.GetValueOrDefault(ruleId);

    /// <summary>Builds and swaps in new snapshots. Counters of known rules are kept (monotonic across rebuilds);
    /// a rule seen for the first time starts from its stored HitCount.</summary>
    public void Publish(IEnumerable<ResponseRule> rules, IEnumerable<ConnectPolicy> policies)
    {
        lock (_publishGate)
        {
            var compiled = new List<CompiledRule>();
            var problems = new Dictionary<long, string>();
            foreach (var row in rules.OrderBy(r => r.Order).ThenBy(r => r.Id))
            {
                var counters = _counters.GetOrAdd(row.Id, _ => new RuleCounters(row.HitCount, row.LastHitAtMs));
                counters.MoveTo(row.UpdatedAtMs);
                try
                {
                    var definition = RuleStore.ToDefinition(row);
                    // Rows saved before a check existed (or under a larger body limit) would answer what Kestrel
                    // refuses or store an oversized body with every hook: they are skipped, not answered with.
                    var invalid = RuleValidator.StoredProblems(definition, options?.Value);
                    if (invalid.Count > 0)
                    {
                        problems[row.Id] = string.Join(" ", invalid.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                        logger.LogError("Rule {RuleId} ({RuleName}) is not valid and is skipped: {Problems}", row.Id, row.Name, problems[row.Id]);
                        continue;
                    }
                    compiled.Add(RuleCompiler.Compile(row.Id, definition, counters, row.UpdatedAtMs));
                }
                catch (Exception ex) when (ex is ArgumentException or JsonException)
                {
                    // Stored rules were validated on the way in; one that no longer compiles must not stop the others.
                    problems[row.Id] = $"Does not compile: {ex.Message}";
                    logger.LogError(ex, "Rule {RuleId} ({RuleName}) does not compile and is skipped.", row.Id, row.Name);
                }
            }
            var ids = compiled.Select(r => r.Id).ToHashSet();
            foreach (var id in _counters.Keys)
                if (!ids.Contains(id)) _counters.TryRemove(id, out _);
            var policyMap = policies.ToFrozenDictionary(p => p.AppKey,
                p => Entry(p.AppKey, ConnectPolicies.Parse(p.RestClientConfigJson), p.UpdatedAtMs),
                StringComparer.Ordinal);
            _snapshot = new Snapshot(compiled.ToArray(), policyMap, problems.ToFrozenDictionary());
        }
    }

    /// <summary>
    /// The answered JSON is written again from the parsed config rather than taken as stored: rows saved before the
    /// computed Fails member was ignored still hold "fails", which WCS must not be sent.
    /// </summary>
    private static PolicyEntry Entry(string appKey, IReadOnlyDictionary<string, MethodPolicy> config, long updatedAtMs) =>
        new(appKey, config, ConnectPolicies.Serialize(config), updatedAtMs);

    /// <summary>
    /// Raises the live counters to the hits every instance stored (cluster: see RuleHitSync), so the Rules page and
    /// the API show the cluster's hits. Counters never go back here; a rule not in the snapshot is ignored.
    /// </summary>
    public void ObserveStoredHits(IEnumerable<(long RuleId, long Hits, long? LastHitAtMs, long Generation)> stored)
    {
        foreach (var (ruleId, hits, lastHitAtMs, generation) in stored)
            if (_counters.TryGetValue(ruleId, out var counters)) counters.Observe(hits, lastHitAtMs, generation);
    }

    /// <summary>Explicit operator reset: the live counters restart from zero (the stored ones are reset by the caller).</summary>
    public void ResetCounters(long ruleId)
    {
        if (_counters.TryGetValue(ruleId, out var c)) c.Reset();
    }
}
