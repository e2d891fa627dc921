using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Rules;

/// <summary>
/// The emergency off: while on, every hook is answered 200 mirror whatever the rules say. Read on the hot path
/// from memory; persisted in Settings so that it survives a restart.
/// </summary>
public sealed class PassThroughSwitch(IDbContextFactory<PortalDbContext> contexts)
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
        _on = row?.Value == "true";
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
    }
}
