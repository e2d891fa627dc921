using Microsoft.EntityFrameworkCore;

namespace StreamPortal.Data.Queries;

public sealed record DashboardCounts(
    int StreamsPublishing, int StreamsPlaying, int SessionsConnected, int HooksLastMinute, int Non200LastMinute, int RejectedLastHour);

/// <summary>Hooks per minute over the last hour: one value per minute (oldest first) for each series.</summary>
public sealed record HookRate(IReadOnlyList<DateTimeOffset> Minutes, IReadOnlyDictionary<string, int[]> ByMethod, IReadOnlyDictionary<string, int[]> ByAnswer);

public sealed record DashboardFailures(IReadOnlyList<StreamItem> FailedStreams, IReadOnlyList<EventItem> RefusedConnects, IReadOnlyList<EventItem> Non200Answers);

/// <summary>The dashboard's figures; every query is a range on an index (status, ReceivedAtMs or Id).</summary>
public sealed class DashboardQueries(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    public const int Minutes = 60;
    public const int FailureRows = 8;
    /// <summary>Series beyond this many methods are summed into "other" so the chart stays readable.</summary>
    public const int MaxMethodSeries = 6;

    public async Task<DashboardCounts> CountsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var minuteAgo = now - 60_000;
        var hourAgo = now - 3_600_000;
        return new DashboardCounts(
            await db.Streams.CountAsync(s => s.Status == "PUBLISHING", ct),
            await db.Streams.CountAsync(s => s.Status == "PLAYING", ct),
            await db.Sessions.CountAsync(s => s.Status == "ESTABLISHED", ct),
            await db.Events.CountAsync(e => e.ReceivedAtMs >= minuteAgo, ct),
            await db.Events.CountAsync(e => e.ReceivedAtMs >= minuteAgo && e.AnswerStatus != 200, ct),
            await db.Events.CountAsync(e => e.ReceivedAtMs >= hourAgo && e.Rejected, ct));
    }

    public async Task<HookRate> RateAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var nowMinute = time.GetUtcNow().ToUnixTimeMilliseconds() / 60_000;
        var firstMinute = nowMinute - Minutes + 1;
        var from = firstMinute * 60_000;
        var rows = await db.Events.AsNoTracking().Where(e => e.ReceivedAtMs >= from)
            .GroupBy(e => new { Minute = e.ReceivedAtMs / 60_000, e.Method, e.AnswerStatus })
            .Select(g => new { g.Key.Minute, g.Key.Method, g.Key.AnswerStatus, Count = g.Count() })
            .ToListAsync(ct);

        var minutes = Enumerable.Range(0, Minutes).Select(i => DateTimeOffset.FromUnixTimeMilliseconds((firstMinute + i) * 60_000)).ToList();
        var topMethods = rows.GroupBy(r => r.Method).OrderByDescending(g => g.Sum(r => r.Count)).Take(MaxMethodSeries)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var byMethod = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var byAnswer = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var i = (int)(r.Minute - firstMinute);
            if (i is < 0 or >= Minutes) continue;
            Series(byMethod, topMethods.Contains(r.Method) ? r.Method : "other")[i] += r.Count;
            Series(byAnswer, r.AnswerStatus.ToString())[i] += r.Count;
        }
        return new HookRate(minutes, byMethod, byAnswer);
    }

    public async Task<DashboardFailures> FailuresAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dayAgo = time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
        var failed = await db.Streams.AsNoTracking().Where(s => s.Status == "FAILED")
            .OrderByDescending(s => s.LastSeenMs).Take(FailureRows).Select(StreamQueries.ToItem).ToListAsync(ct);
        var refused = await db.Events.AsNoTracking().Where(e => e.Method == "connect" && e.AnswerStatus != 200)
            .OrderByDescending(e => e.Id).Take(FailureRows).Select(EventQueries.ToItem).ToListAsync(ct);
        var non200 = await db.Events.AsNoTracking().Where(e => e.ReceivedAtMs >= dayAgo && e.AnswerStatus != 200)
            .OrderByDescending(e => e.Id).Take(FailureRows).Select(EventQueries.ToItem).ToListAsync(ct);
        return new DashboardFailures(failed, refused, non200);
    }

    private static int[] Series(IDictionary<string, int[]> all, string key)
    {
        if (!all.TryGetValue(key, out var values)) all[key] = values = new int[Minutes];
        return values;
    }
}
