using System.Text;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Wcs;

namespace StreamPortal.Rules;

/// <summary>
/// Commands and queries on rules and connect policies, for the API and the Rules page alike. Every change is
/// written to the database first, then the engine's snapshot is rebuilt from it.
/// </summary>
public sealed class RuleService(
    IDbContextFactory<PortalDbContext> contexts,
    RuleEngine engine,
    PassThroughSwitch passThrough,
    TimeProvider time)
{
    public const int DefaultDryRunLimit = 1000;
    public const int MaxDryRunLimit = 10_000;

    private readonly SemaphoreSlim _reload = new(1, 1);

    public RuleEngine Engine => engine;
    public bool PassThroughOn => passThrough.IsOn;

    /// <summary>Reads every rule and policy and swaps the engine's snapshot; serialised so the latest read wins.</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var rules = await db.Rules.AsNoTracking().ToListAsync(ct);
            var policies = await db.ConnectPolicies.AsNoTracking().ToListAsync(ct);
            engine.Publish(rules, policies);
        }
        finally { _reload.Release(); }
    }

    public Dictionary<string, string[]> Validate(RuleDefinition rule) => RuleValidator.Validate(rule);

    public async Task<IReadOnlyList<RuleView>> ListAsync(string? appKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Rules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        return rows.Select(r => View(r, appKey)).ToList();
    }

    public async Task<RuleView?> GetAsync(long id, string? appKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return row is null ? null : View(row, appKey);
    }

    public async Task<RuleResult<RuleView>> CreateAsync(RuleDefinition rule, CancellationToken ct)
    {
        var errors = Validate(rule);
        if (errors.Count > 0) return RuleResult<RuleView>.Invalid(errors);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = new ResponseRule { CreatedAtMs = now, UpdatedAtMs = now };
        RuleStore.Write(row, rule);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var others = await db.Rules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
            row.Order = int.MaxValue;
            db.Rules.Add(row);
            Place(others, row, rule.Order);
            await db.SaveChangesAsync(ct);
        }
        await ReloadAsync(ct);
        return RuleResult<RuleView>.Ok(View(row, null));
    }

    /// <summary>Replaces a rule's definition. Its counters are kept (a max-hits rule stays spent); see ResetCountersAsync.</summary>
    public async Task<RuleResult<RuleView>> UpdateAsync(long id, RuleDefinition rule, CancellationToken ct)
    {
        var errors = Validate(rule);
        if (errors.Count > 0) return RuleResult<RuleView>.Invalid(errors);
        ResponseRule? row;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var all = await db.Rules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
            row = all.FirstOrDefault(r => r.Id == id);
            if (row is null) return RuleResult<RuleView>.Missing();
            RuleStore.Write(row, rule);
            row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (rule.Order is { } order) Place(all.Where(r => r.Id != id).ToList(), row, order);
            await db.SaveChangesAsync(ct);
        }
        await ReloadAsync(ct);
        return RuleResult<RuleView>.Ok(View(row, null));
    }

    public async Task<bool> SetEnabledAsync(long id, bool enabled, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var row = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (row is null) return false;
            row.Enabled = enabled;
            row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(ct);
        }
        await ReloadAsync(ct);
        return true;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var all = await db.Rules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
            var row = all.FirstOrDefault(r => r.Id == id);
            if (row is null) return false;
            db.Rules.Remove(row);
            all.Remove(row);
            for (var i = 0; i < all.Count; i++) all[i].Order = i + 1;
            await db.SaveChangesAsync(ct);
        }
        await ReloadAsync(ct);
        return true;
    }

    /// <summary>Sets the whole evaluation order: <paramref name="ids"/> must name every rule exactly once.</summary>
    public async Task<RuleResult<IReadOnlyList<RuleView>>> ReorderAsync(IReadOnlyList<long>? ids, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var all = await db.Rules.ToListAsync(ct);
            var errors = new Dictionary<string, string[]>();
            if (ids is null) errors["ids"] = ["ids is required: every rule id in the new evaluation order."];
            else
            {
                var problems = new List<string>();
                if (ids.Distinct().Count() != ids.Count) problems.Add("An id appears more than once.");
                var unknown = ids.Where(i => all.All(r => r.Id != i)).ToList();
                if (unknown.Count > 0) problems.Add($"Unknown rule ids: {string.Join(", ", unknown)}.");
                var missing = all.Where(r => !ids.Contains(r.Id)).Select(r => r.Id).ToList();
                if (missing.Count > 0) problems.Add($"Missing rule ids: {string.Join(", ", missing)}.");
                if (problems.Count > 0) errors["ids"] = problems.ToArray();
            }
            if (errors.Count > 0) return RuleResult<IReadOnlyList<RuleView>>.Invalid(errors);
            for (var i = 0; i < ids!.Count; i++) all.Single(r => r.Id == ids[i]).Order = i + 1;
            await db.SaveChangesAsync(ct);
        }
        await ReloadAsync(ct);
        return RuleResult<IReadOnlyList<RuleView>>.Ok(await ListAsync(null, ct));
    }

    /// <summary>Moves a rule up (negative) or down (positive) in evaluation order.</summary>
    public async Task<bool> MoveAsync(long id, int delta, CancellationToken ct)
    {
        var ids = (await ListAsync(null, ct)).Select(r => r.Id).ToList();
        var index = ids.IndexOf(id);
        if (index < 0) return false;
        var target = Math.Clamp(index + delta, 0, ids.Count - 1);
        ids.RemoveAt(index);
        ids.Insert(target, id);
        return (await ReorderAsync(ids, ct)).Errors is null;
    }

    /// <summary>Zeroes a rule's hit counter (stored and live), e.g. to re-arm a spent max-hits rule.</summary>
    public async Task<bool> ResetCountersAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var n = await db.Rules.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HitCount, 0L).SetProperty(r => r.LastHitAtMs, (long?)null), ct);
        if (n == 0) return false;
        engine.ResetCounters(id);
        return true;
    }

    public IReadOnlyList<string> Predict(RuleDefinition rule, string? appKey)
    {
        var d = rule.Normalized();
        var key = appKey ?? (d.Match!.AppKey is { } k && !k.Contains('*') && !k.Contains('?') ? k : null);
        var entry = engine.PolicyFor(key);
        var name = entry is null ? "connect policy (none is set yet)"
            : entry.AppKey == ConnectPolicies.DefaultKey ? (key is null ? "default connect policy" : $"default connect policy (app {key} has none)")
            : $"connect policy of app {entry.AppKey}";
        return EffectPredictor.Predict(d, m => entry?.Config.GetValueOrDefault(m) ?? MethodPolicy.WcsDefault, name, time.GetUtcNow());
    }

    public async Task<RuleResult<DryRunResult>> DryRunAsync(DryRunRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Rule is null) errors["rule"] = ["A draft rule is required."];
        else foreach (var (k, v) in Validate(request.Rule)) errors["rule." + k] = v;
        var limit = request.Limit ?? DefaultDryRunLimit;
        if (limit is < 1 or > MaxDryRunLimit) errors["limit"] = [$"limit must be from 1 to {MaxDryRunLimit}."];
        if (errors.Count > 0) return RuleResult<DryRunResult>.Invalid(errors);

        var rule = RuleCompiler.Compile(0, request.Rule!, new RuleCounters(0, null));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var events = await db.Events.AsNoTracking().Where(e => !e.Rejected)
            .OrderByDescending(e => e.Id).Take(limit)
            .Select(e => new { e.Id, e.ReceivedAtMs, e.App, e.Method, e.Body, e.BodyEncoding })
            .ToListAsync(ct);
        var matches = new List<DryRunMatch>();
        foreach (var e in events)
        {
            if (e.BodyEncoding is not null || e.Body is null) continue;
            var bytes = Encoding.UTF8.GetBytes(e.Body);
            if (HookBodyParser.Parse(bytes).Fields is not { } fields) continue;
            using var body = new HookBodyView(bytes);
            var hook = new HookRequest(e.App, e.Method, HookCatalogue.KindOf(e.Method), fields, bytes);
            if (RuleMatcher.ConditionsHold(rule, hook, body))
                matches.Add(new DryRunMatch(e.Id, DateTimeOffset.FromUnixTimeMilliseconds(e.ReceivedAtMs), e.Method,
                    fields.AppKey, fields.Name, fields.SessionId, fields.Status));
        }
        return RuleResult<DryRunResult>.Ok(new DryRunResult(events.Count, matches.Count, matches, Predict(request.Rule!, null)));
    }

    // Connect policies

    public async Task<IReadOnlyList<ConnectPolicyView>> ListPoliciesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ConnectPolicies.AsNoTracking().OrderBy(p => p.AppKey).ToListAsync(ct);
        return rows.Select(p => new ConnectPolicyView(p.AppKey, p.AppKey == ConnectPolicies.DefaultKey ? "default" : "app",
            ConnectPolicies.Parse(p.RestClientConfigJson), DateTimeOffset.FromUnixTimeMilliseconds(p.UpdatedAtMs))).ToList();
    }

    /// <summary>The policy in force for an appKey: its own, else the default, else none (WCS defaults).</summary>
    public ConnectPolicyView GetPolicy(string appKey)
    {
        var entry = engine.PolicyFor(appKey);
        if (entry is null) return new ConnectPolicyView(appKey, "none", new Dictionary<string, MethodPolicy>(), null);
        var source = entry.AppKey == appKey ? (appKey == ConnectPolicies.DefaultKey ? "default" : "app") : "default";
        return new ConnectPolicyView(appKey, source, entry.Config, DateTimeOffset.FromUnixTimeMilliseconds(entry.UpdatedAtMs));
    }

    public async Task<RuleResult<ConnectPolicyView>> PutPolicyAsync(string appKey, ConnectPolicyInput input, CancellationToken ct)
    {
        var errors = ConnectPolicies.Validate(appKey, input);
        if (errors.Count > 0) return RuleResult<ConnectPolicyView>.Invalid(errors);
        var json = ConnectPolicies.Serialize(ConnectPolicies.Clean(input));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var row = await db.ConnectPolicies.FirstOrDefaultAsync(p => p.AppKey == appKey, ct);
            if (row is null) db.ConnectPolicies.Add(new ConnectPolicy { AppKey = appKey, RestClientConfigJson = json, UpdatedAtMs = now });
            else { row.RestClientConfigJson = json; row.UpdatedAtMs = now; }
            await db.SaveChangesAsync(ct);
        }
        await ReloadAsync(ct);
        return RuleResult<ConnectPolicyView>.Ok(GetPolicy(appKey));
    }

    /// <summary>Removes an app's own policy; the app falls back to the default.</summary>
    public async Task<bool> DeletePolicyAsync(string appKey, CancellationToken ct)
    {
        int n;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            n = await db.ConnectPolicies.Where(p => p.AppKey == appKey).ExecuteDeleteAsync(ct);
        if (n > 0) await ReloadAsync(ct);
        return n > 0;
    }

    public Task SetPassThroughAsync(bool on, CancellationToken ct) => passThrough.SetAsync(on, ct);

    private RuleView View(ResponseRule row, string? appKey)
    {
        var d = RuleStore.ToDefinition(row);
        var counters = engine.CountersOf(row.Id);
        return new RuleView(row.Id, d.Name, d.Enabled, row.Order, d.Match!, d.Answer!, d.Limits!,
            counters?.Hits ?? row.HitCount,
            (counters?.LastHitAtMs ?? row.LastHitAtMs) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            Predict(d, appKey),
            DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAtMs));
    }

    /// <summary>Puts <paramref name="row"/> at 1-based <paramref name="order"/> (last when null or too large) and renumbers.</summary>
    private static void Place(List<ResponseRule> others, ResponseRule row, int? order)
    {
        var index = order is { } o ? Math.Clamp(o - 1, 0, others.Count) : others.Count;
        others.Insert(index, row);
        for (var i = 0; i < others.Count; i++) others[i].Order = i + 1;
    }
}
