using StreamPortal.Data;
using StreamPortal.Data.Queries;
using StreamPortal.Ingest;
using StreamPortal.Wcs;
using Microsoft.EntityFrameworkCore;

namespace StreamPortal.Live;

public sealed record DashboardCounts(
    int StreamsPublishing, int StreamsPlaying, int SessionsConnected, int HooksLastMinute, int Non200LastMinute, int RejectedLastHour,
    int ShedLastHour);

/// <summary>Hooks per minute over the last hour: one value per minute (oldest first) for each series.</summary>
public sealed record HookRate(IReadOnlyList<DateTimeOffset> Minutes, IReadOnlyDictionary<string, int[]> ByMethod, IReadOnlyDictionary<string, int[]> ByAnswer);

public sealed record DashboardFailures(IReadOnlyList<StreamItem> FailedStreams, IReadOnlyList<EventItem> RefusedConnects, IReadOnlyList<EventItem> Non200Answers);

/// <summary>
/// The dashboard's figures. Stream and session counts and the failures are index ranges; the hook rates come from
/// the in-memory <see cref="HookRateTracker"/> (a GROUP BY over the last hour would read every row of it).
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<PortalDbContext> contexts, HookRateTracker rates, IngestMetrics ingest, TimeProvider time)
{
    public const int Minutes = HookRateTracker.Minutes;
    public const int FailureRows = 8;
    /// <summary>Series beyond this many methods are summed into "other" so the chart stays readable.</summary>
    public const int MaxMethodSeries = 6;

    public async Task<DashboardCounts> CountsAsync(CancellationToken ct)
    {
        var rate = await rates.SnapshotAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new DashboardCounts(
            await db.Streams.CountAsync(s => s.Status == StreamStatus.Publishing, ct),
            await db.Streams.CountAsync(s => s.Status == StreamStatus.Playing, ct),
            await db.Sessions.CountAsync(s => s.Status == SessionStatus.Established, ct),
            rate.LastMinuteTotal, rate.LastMinuteNon200, rate.RejectedLastHour, ingest.ShedLastHour);
    }

    public async Task<HookRate> RateAsync(CancellationToken ct)
    {
        var rate = await rates.SnapshotAsync(ct);
        var minutes = Enumerable.Range(0, Minutes).Select(i => DateTimeOffset.FromUnixTimeMilliseconds((rate.FirstMinute + i) * 60_000)).ToList();
        var top = rate.ByMethod.OrderByDescending(s => s.Value.Sum()).Take(MaxMethodSeries).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var byMethod = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (method, values) in rate.ByMethod)
        {
            var key = top.Contains(method) ? method : "other";
            if (!byMethod.TryGetValue(key, out var sum)) byMethod[key] = sum = new int[Minutes];
            for (var i = 0; i < Minutes; i++) sum[i] += values[i];
        }
        return new HookRate(minutes, byMethod, rate.ByAnswer);
    }

    public async Task<DashboardFailures> FailuresAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dayAgo = time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
        var failed = await db.Streams.AsNoTracking().Where(s => s.Status == StreamStatus.Failed)
            .OrderByDescending(s => s.LastSeenMs).Take(FailureRows).Select(StreamQueries.ToItem).ToListAsync(ct);
        var refused = await db.Events.AsNoTracking().Where(e => e.Method == WcsMethod.Connect && e.AnswerStatus != 200)
            .OrderByDescending(e => e.Id).Take(FailureRows).Select(EventQueries.ToItem).ToListAsync(ct);
        var non200 = await db.Events.AsNoTracking().Where(e => e.ReceivedAtMs >= dayAgo && e.AnswerStatus != 200)
            .OrderByDescending(e => e.Id).Take(FailureRows).Select(EventQueries.ToItem).ToListAsync(ct);
        return new DashboardFailures(failed, refused, non200);
    }
}
