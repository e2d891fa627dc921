using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Hooks;

namespace StreamPortal.WcsApi;

/// <summary>The two WCS timings an operator sets from the Settings page (the configuration gives the defaults).</summary>
public sealed record WcsTimingValues(int RestTimeoutSeconds, int DuplicateWindowSeconds);

/// <summary>
/// WCS's answer timeout (rest_request_timeout) and the window in which a re-sent hook counts as a duplicate, as in
/// force now: the configured values (StreamPortal:Wcs:RestTimeoutSeconds, StreamPortal:Hooks:DuplicateWindowSeconds)
/// until the Settings page stores others (Settings table). Read on the hook path and by the rules' predictions, so held
/// in memory; loaded once at start.
/// </summary>
public sealed class WcsTimings(IOptions<WcsOptions> wcs, IOptions<HookOptions> hooks, IDbContextFactory<PortalDbContext> contexts, ConfigChangeNotifier? notifier = null)
{
    public const string RestTimeoutKey = "wcs.restTimeoutSeconds";
    public const string DuplicateWindowKey = "hooks.duplicateWindowSeconds";

    private volatile WcsTimingValues _current = new(wcs.Value.RestTimeoutSeconds, hooks.Value.DuplicateWindowSeconds);

    public WcsTimingValues Current => _current;

    public int RestTimeoutMs => _current.RestTimeoutSeconds * 1000;

    public long DuplicateWindowMs => _current.DuplicateWindowSeconds * 1000L;

    /// <summary>The configured values, which a saved value replaces.</summary>
    public WcsTimingValues Configured => new(wcs.Value.RestTimeoutSeconds, hooks.Value.DuplicateWindowSeconds);

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Settings.AsNoTracking().Where(s => s.Key == RestTimeoutKey || s.Key == DuplicateWindowKey).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var configured = Configured;
        // A stored value out of range (edited by hand) is ignored: the configured one is validated.
        _current = new WcsTimingValues(
            rows.TryGetValue(RestTimeoutKey, out var t) && int.TryParse(t, out var timeout) && Problem(timeout, configured.DuplicateWindowSeconds) is null ? timeout : configured.RestTimeoutSeconds,
            rows.TryGetValue(DuplicateWindowKey, out var w) && int.TryParse(w, out var window) && Problem(configured.RestTimeoutSeconds, window) is null ? window : configured.DuplicateWindowSeconds);
    }

    /// <returns>null when saved and in force, otherwise what is wrong.</returns>
    public async Task<string?> SaveAsync(WcsTimingValues values, CancellationToken ct)
    {
        if (Problem(values.RestTimeoutSeconds, values.DuplicateWindowSeconds) is { } problem) return problem;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await SetAsync(db, RestTimeoutKey, values.RestTimeoutSeconds, ct);
        await SetAsync(db, DuplicateWindowKey, values.DuplicateWindowSeconds, ct);
        await db.SaveChangesAsync(ct);
        _current = values;
        notifier?.Notify(ConfigTopic.WcsTimings);
        return null;
    }

    private static string? Problem(int restTimeoutSeconds, int duplicateWindowSeconds) =>
        restTimeoutSeconds is < 1 or > ValidateWcsOptions.MaxRestTimeoutSeconds ? $"The WCS timeout must be from 1 to {ValidateWcsOptions.MaxRestTimeoutSeconds} seconds."
        : duplicateWindowSeconds is < 0 or > ValidateHookOptions.MaxDuplicateWindowSeconds ? $"The duplicate window must be from 0 (off) to {ValidateHookOptions.MaxDuplicateWindowSeconds} seconds."
        : null;

    private static async Task SetAsync(PortalDbContext db, string key, int value, CancellationToken ct)
    {
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null) db.Settings.Add(new PortalSetting { Key = key, Value = text });
        else row.Value = text;
    }
}
