using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Rules;

/// <summary>Commands and queries on connect policies; every change is written first, then the engine's snapshot is rebuilt.</summary>
public sealed class ConnectPolicyService(
    IDbContextFactory<PortalDbContext> contexts,
    RuleEngine engine,
    RuleSnapshotLoader loader,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ConnectPolicyView>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ConnectPolicies.AsNoTracking().OrderBy(p => p.AppKey).ToListAsync(ct);
        return rows.Select(p => new ConnectPolicyView(p.AppKey, p.AppKey == ConnectPolicies.DefaultKey ? "default" : "app",
            ConnectPolicies.Parse(p.RestClientConfigJson), DateTimeOffset.FromUnixTimeMilliseconds(p.UpdatedAtMs))).ToList();
    }

    /// <summary>The policy in force for an appKey: its own, else the default, else none (WCS defaults).</summary>
    public ConnectPolicyView Get(string appKey)
    {
        var entry = engine.PolicyFor(appKey);
        if (entry is null) return new ConnectPolicyView(appKey, "none", new Dictionary<string, MethodPolicy>(), null);
        var source = entry.AppKey == appKey ? (appKey == ConnectPolicies.DefaultKey ? "default" : "app") : "default";
        return new ConnectPolicyView(appKey, source, entry.Config, DateTimeOffset.FromUnixTimeMilliseconds(entry.UpdatedAtMs));
    }

    public async Task<RuleResult<ConnectPolicyView>> PutAsync(string appKey, ConnectPolicyInput input, CancellationToken ct)
    {
        if (!ConnectPolicies.TryValidate(appKey, input, out var config, out var errors)) return RuleResult<ConnectPolicyView>.Invalid(errors);
        var json = ConnectPolicies.Serialize(config);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var row = await db.ConnectPolicies.FirstOrDefaultAsync(p => p.AppKey == appKey, ct);
            if (row is null) db.ConnectPolicies.Add(new ConnectPolicy { AppKey = appKey, RestClientConfigJson = json, UpdatedAtMs = now });
            else { row.RestClientConfigJson = json; row.UpdatedAtMs = now; }
            await db.SaveChangesAsync(ct);
        }
        await loader.ChangedAsync(ct);
        return RuleResult<ConnectPolicyView>.Ok(Get(appKey));
    }

    /// <summary>Removes an app's own policy; the app falls back to the default.</summary>
    public async Task<bool> DeleteAsync(string appKey, CancellationToken ct)
    {
        int n;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            n = await db.ConnectPolicies.Where(p => p.AppKey == appKey).ExecuteDeleteAsync(ct);
        if (n > 0) await loader.ChangedAsync(ct);
        return n > 0;
    }
}
