using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Anomalies;

/// <summary>The thresholds in force (seconds and minutes as configured).</summary>
public sealed record AnomalyThresholds(int StaleStreamSeconds, int SilentSessionMinutes, int SilentNodeSeconds)
{
    public long StaleStreamMs => StaleStreamSeconds * 1000L;
    public long SilentSessionMs => SilentSessionMinutes * 60_000L;
    public long SilentNodeMs => SilentNodeSeconds * 1000L;

    /// <returns>null when every value is within its limits, otherwise what is wrong.</returns>
    public string? Problem() =>
        StaleStreamSeconds is < AnomalyLimits.MinSeconds or > AnomalyLimits.MaxSeconds
            ? $"Stale stream seconds must be from {AnomalyLimits.MinSeconds} to {AnomalyLimits.MaxSeconds}."
        : SilentSessionMinutes is < AnomalyLimits.MinMinutes or > AnomalyLimits.MaxMinutes
            ? $"Silent session minutes must be from {AnomalyLimits.MinMinutes} to {AnomalyLimits.MaxMinutes}."
        : SilentNodeSeconds is < AnomalyLimits.MinSeconds or > AnomalyLimits.MaxSeconds
            ? $"Silent node seconds must be from {AnomalyLimits.MinSeconds} to {AnomalyLimits.MaxSeconds}."
        : null;
}

/// <summary>
/// The thresholds: configuration (<see cref="AnomalyOptions"/>) unless the Settings page stored others in the Settings
/// table (anomalies.*), like retention. Kept in memory: the detector reads them on every sweep.
/// </summary>
public sealed class AnomalySettings(IDbContextFactory<PortalDbContext> contexts, IOptions<AnomalyOptions> options, ConfigChangeNotifier? notifier = null)
{
    public const string StaleStreamKey = "anomalies.staleStreamSeconds";
    public const string SilentSessionKey = "anomalies.silentSessionMinutes";
    public const string SilentNodeKey = "anomalies.silentNodeSeconds";

    private AnomalyThresholds? _current;

    public AnomalyThresholds Defaults =>
        new(options.Value.StaleStreamSeconds, options.Value.SilentSessionMinutes, options.Value.SilentNodeSeconds);

    public async Task<AnomalyThresholds> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is { } current) return current;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Settings.AsNoTracking()
            .Where(s => s.Key == StaleStreamKey || s.Key == SilentSessionKey || s.Key == SilentNodeKey)
            .ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var d = Defaults;
        var stored = new AnomalyThresholds(
            Stored(rows, StaleStreamKey) ?? d.StaleStreamSeconds,
            Stored(rows, SilentSessionKey) ?? d.SilentSessionMinutes,
            Stored(rows, SilentNodeKey) ?? d.SilentNodeSeconds);
        // A value stored by an older build outside today's limits is ignored rather than trusted.
        var loaded = stored.Problem() is null ? stored : d;
        Volatile.Write(ref _current, loaded);
        return loaded;
    }

    /// <returns>null when saved, otherwise what is wrong.</returns>
    public async Task<string?> SaveAsync(AnomalyThresholds thresholds, CancellationToken ct)
    {
        if (thresholds.Problem() is { } problem) return problem;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await SetAsync(db, StaleStreamKey, thresholds.StaleStreamSeconds, ct);
        await SetAsync(db, SilentSessionKey, thresholds.SilentSessionMinutes, ct);
        await SetAsync(db, SilentNodeKey, thresholds.SilentNodeSeconds, ct);
        await db.SaveChangesAsync(ct);
        Volatile.Write(ref _current, thresholds);
        notifier?.Notify(ConfigTopic.AnomalySettings);
        return null;
    }

    /// <summary>Reads the stored thresholds again (saved on another instance of a cluster).</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        Volatile.Write(ref _current, null);
        await GetAsync(ct);
    }

    private static int? Stored(Dictionary<string, string> rows, string key) =>
        rows.TryGetValue(key, out var raw) && int.TryParse(raw, out var v) ? v : null;

    private static async Task SetAsync(PortalDbContext db, string key, int value, CancellationToken ct)
    {
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null) db.Settings.Add(new PortalSetting { Key = key, Value = value.ToString() });
        else row.Value = value.ToString();
    }
}
