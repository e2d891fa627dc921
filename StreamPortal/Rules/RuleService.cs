using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Rules;

/// <summary>
/// Commands and queries on rules (create, update, enable, delete, order, reset), for the API and the Rules page
/// alike. Every change is written to the database first, then the engine's snapshot is rebuilt from it.
/// </summary>
public sealed class RuleService(
    IDbContextFactory<PortalDbContext> contexts,
    RuleEngine engine,
    RuleSnapshotLoader loader,
    RuleEffects effects,
    TimeProvider time,
    IOptions<RuleOptions> options,
    ConfigChangeNotifier? notifier = null,
    IClusterHitCounter? clusterHits = null)
{
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

    public async Task<RuleResult<RuleView>> CreateAsync(RuleInput input, CancellationToken ct)
    {
        if (!RuleValidator.TryValidate(input, out var rule, out var errors, options.Value)) return RuleResult<RuleView>.Invalid(errors);
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
        await loader.ChangedAsync(ct);
        return RuleResult<RuleView>.Ok(View(row, null));
    }

    /// <summary>Replaces a rule's definition. Its counters are kept (a max-hits rule stays spent); see ResetCountersAsync.</summary>
    public async Task<RuleResult<RuleView>> UpdateAsync(long id, RuleInput input, CancellationToken ct)
    {
        if (!RuleValidator.TryValidate(input, out var rule, out var errors, options.Value)) return RuleResult<RuleView>.Invalid(errors);
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
        await loader.ChangedAsync(ct);
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
        await loader.ChangedAsync(ct);
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
        await loader.ChangedAsync(ct);
        return true;
    }

    /// <summary>Sets the whole evaluation order: <paramref name="ids"/> must name every rule exactly once.</summary>
    public async Task<RuleResult<IReadOnlyList<RuleView>>> ReorderAsync(IReadOnlyList<long>? ids, CancellationToken ct)
    {
        if (ids is null) return RuleResult<IReadOnlyList<RuleView>>.Invalid(new() { ["ids"] = ["ids is required: every rule id in the new evaluation order."] });
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var all = await db.Rules.ToListAsync(ct);
            if (OrderErrors(ids, all) is { } problems)
                return RuleResult<IReadOnlyList<RuleView>>.Invalid(new() { ["ids"] = problems });
            for (var i = 0; i < ids.Count; i++) all.Single(r => r.Id == ids[i]).Order = i + 1;
            await db.SaveChangesAsync(ct);
        }
        await loader.ChangedAsync(ct);
        return RuleResult<IReadOnlyList<RuleView>>.Ok(await ListAsync(null, ct));
    }

    private static string[]? OrderErrors(IReadOnlyList<long> ids, List<ResponseRule> all)
    {
        var problems = new List<string>();
        if (ids.Distinct().Count() != ids.Count) problems.Add("An id appears more than once.");
        var unknown = ids.Where(i => all.All(r => r.Id != i)).ToList();
        if (unknown.Count > 0) problems.Add($"Unknown rule ids: {string.Join(", ", unknown)}.");
        var missing = all.Where(r => !ids.Contains(r.Id)).Select(r => r.Id).ToList();
        if (missing.Count > 0) problems.Add($"Missing rule ids: {string.Join(", ", missing)}.");
        return problems.Count > 0 ? problems.ToArray() : null;
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

    /// <summary>
    /// Zeroes a rule's hit counter (stored and live, on every instance), e.g. to re-arm a spent max-hits rule. The
    /// rule's UpdatedAtMs moves too: it is the generation of the cluster-wide max-hits count, so the count restarts
    /// even where the old one is still in Redis.
    /// </summary>
    public async Task<bool> ResetCountersAsync(long id, CancellationToken ct)
    {
        long generation;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var current = await db.Rules.Where(r => r.Id == id).Select(r => (long?)r.UpdatedAtMs).FirstOrDefaultAsync(ct);
            if (current is not { } updated) return false;
            generation = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), updated + 1);
            var n = await db.Rules.Where(r => r.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.HitCount, 0L).SetProperty(r => r.LastHitAtMs, (long?)null)
                    .SetProperty(r => r.UpdatedAtMs, generation), ct);
            if (n == 0) return false;
        }
        if (clusterHits is { IsAvailable: true }) await clusterHits.StartGenerationAsync(id, generation, ct);
        // The new generation first, then zero: counts of the old one still arriving are ignored (RuleCounters.Observe).
        await loader.ReloadAsync(ct);
        engine.ResetCounters(id);
        notifier?.Notify(ConfigTopic.RuleCountersReset, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private RuleView View(ResponseRule row, string? appKey)
    {
        var d = RuleStore.ToDefinition(row);
        var counters = engine.CountersOf(row.Id);
        return new RuleView(row.Id, d.Name, d.Enabled, row.Order, d.Match, d.Answer, d.Limits,
            counters?.Hits ?? row.HitCount,
            (counters?.LastHitAtMs ?? row.LastHitAtMs) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            effects.Predict(d, appKey),
            DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAtMs),
            counters?.RegexTimeouts ?? 0, engine.ProblemOf(row.Id));
    }

    /// <summary>Puts <paramref name="row"/> at 1-based <paramref name="order"/> (last when null or too large) and renumbers.</summary>
    private static void Place(List<ResponseRule> others, ResponseRule row, int? order)
    {
        var index = order is { } o ? Math.Clamp(o - 1, 0, others.Count) : others.Count;
        others.Insert(index, row);
        for (var i = 0; i < others.Count; i++) others[i].Order = i + 1;
    }
}
