using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>How long events are kept: N days and/or at most N events (null = no limit). Streams and sessions are kept.</summary>
public sealed record RetentionPolicy(int? KeepDays, long? MaxEvents)
{
    public static readonly RetentionPolicy None = new(null, null);
}

/// <summary>The retention policy, stored in the Settings table (retention.days, retention.maxEvents).</summary>
public sealed class RetentionSettings(IDbContextFactory<PortalDbContext> contexts)
{
    public const string DaysKey = "retention.days";
    public const string MaxEventsKey = "retention.maxEvents";

    public async Task<RetentionPolicy> GetAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Settings.AsNoTracking().Where(s => s.Key == DaysKey || s.Key == MaxEventsKey).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        return new RetentionPolicy(
            rows.TryGetValue(DaysKey, out var d) && int.TryParse(d, out var days) && days > 0 ? days : null,
            rows.TryGetValue(MaxEventsKey, out var m) && long.TryParse(m, out var max) && max > 0 ? max : null);
    }

    /// <returns>null when saved, otherwise what is wrong.</returns>
    public async Task<string?> SaveAsync(RetentionPolicy policy, CancellationToken ct)
    {
        if (policy.KeepDays is <= 0) return "Days must be at least 1 (or empty for no limit).";
        if (policy.MaxEvents is <= 0) return "The maximum number of events must be at least 1 (or empty for no limit).";
        await using var db = await contexts.CreateDbContextAsync(ct);
        await SetAsync(db, DaysKey, policy.KeepDays?.ToString(), ct);
        await SetAsync(db, MaxEventsKey, policy.MaxEvents?.ToString(), ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static async Task SetAsync(PortalDbContext db, string key, string? value, CancellationToken ct)
    {
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (value is null) { if (row is not null) db.Settings.Remove(row); }
        else if (row is null) db.Settings.Add(new PortalSetting { Key = key, Value = value });
        else row.Value = value;
    }
}
