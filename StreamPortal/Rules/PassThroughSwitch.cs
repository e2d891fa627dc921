using Microsoft.EntityFrameworkCore;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Rules;

/// <summary>
/// The emergency off: while on, every hook is answered 200 mirror whatever the rules say. Read on the hot path
/// from memory; persisted in Settings so that it survives a restart.
/// </summary>
public sealed class PassThroughSwitch(IDbContextFactory<PortalDbContext> contexts, ConfigChangeNotifier? notifier = null)
{
    public const string SettingKey = "passThrough";
    private volatile bool _on;

    public bool IsOn => _on;

    /// <summary>Raised after the switch changed (UI re-renders its warning).</summary>
    public event Action<bool>? Changed;

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        var on = row?.Value == "true";
        var changed = on != _on;
        _on = on;
        // Set on another instance of a cluster: the warnings of this one's console follow.
        if (changed) Changed?.Invoke(on);
    }

    public async Task SetAsync(bool on, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        if (row is null) db.Settings.Add(new PortalSetting { Key = SettingKey, Value = on ? "true" : "false" });
        else row.Value = on ? "true" : "false";
        await db.SaveChangesAsync(ct);
        _on = on;
        Changed?.Invoke(on);
        notifier?.Notify(ConfigTopic.PassThrough);
    }
}
