using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;

namespace StreamPortal.Anomalies;

/// <summary>One anomaly as the API and the console show it.</summary>
public sealed record AnomalyItem(
    long Id, string Kind, string SubjectType, string Subject, DateTimeOffset DetectedAt, DateTimeOffset? ResolvedAt,
    string Detail, IReadOnlyList<long> EventIds);

/// <summary>Which anomalies to list: every field optional, all of them must match.</summary>
public sealed record AnomalyFilter(string? Kind = null, bool? Open = null, string? Subject = null);

/// <summary>Reads of the stored anomalies (EF LINQ, for either storage provider), newest first.</summary>
public sealed class AnomalyQueries(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<PagedResult<AnomalyItem>> ListAsync(AnomalyFilter filter, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.Anomalies.AsNoTracking();
        if (filter.Kind is { } kind) q = q.Where(a => a.Kind == kind);
        if (filter.Open == true) q = q.Where(a => a.ResolvedAtMs == null);
        if (filter.Open == false) q = q.Where(a => a.ResolvedAtMs != null);
        if (filter.Subject is { } subject) q = q.Where(a => a.Subject == subject);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedResult<AnomalyItem>(rows.Select(ToItem).ToList(), total);
    }

    /// <summary>Open anomalies per kind (every kind listed, zeros included), for the dashboard.</summary>
    public async Task<IReadOnlyDictionary<string, int>> OpenCountsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await db.Anomalies.AsNoTracking().Where(a => a.ResolvedAtMs == null)
            .GroupBy(a => a.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return AnomalyKind.All.ToDictionary(k => k, k => counts.GetValueOrDefault(k));
    }

    public static AnomalyItem ToItem(Anomaly a) => new(
        a.Id, a.Kind, a.SubjectType, a.Subject, DateTimeOffset.FromUnixTimeMilliseconds(a.DetectedAtMs),
        a.ResolvedAtMs is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null, a.Detail, AnomalyProof.Parse(a.EventIds));
}
