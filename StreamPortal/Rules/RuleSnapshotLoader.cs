using Microsoft.EntityFrameworkCore;
using StreamPortal.Cluster;
using StreamPortal.Data;

namespace StreamPortal.Rules;

/// <summary>Rebuilds the engine's snapshot from the database after every change to rules or connect policies.</summary>
public sealed class RuleSnapshotLoader(IDbContextFactory<PortalDbContext> contexts, RuleEngine engine, ConfigChangeNotifier? notifier = null)
{
    private readonly SemaphoreSlim _reload = new(1, 1);

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

    /// <summary>After a committed change on this instance: reload here, then tell the other instances to do the same.</summary>
    public async Task ChangedAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        notifier?.Notify(ConfigTopic.Rules);
    }
}
