using StreamPortal.Data;
using StreamPortal.Data.Queries;
using StreamPortal.Ingest;
using StreamPortal.Wcs;
using Microsoft.EntityFrameworkCore;

namespace StreamPortal.Live;

public sealed record DashboardCounts(
    int StreamsPublishing, int StreamsPlaying, int SessionsConnected, int HooksLastMinute, int Non200LastMinute, int RejectedLastHour,
    int ShedLastHour)
{
    /// <summary>Hooks marked as re-sent copies in the last hour (since start).</summary>
    public int DuplicatesLastHour { get; init; }
    /// <summary>Answer-time percentiles per method over the last hour (see <see cref="AnswerTimeTracker"/>).</summary>
    public IReadOnlyList<AnswerTimePercentiles> AnswerTimes { get; init; } = [];
}

/// <summary>
/// Hooks per minute over the last hour: one value per minute (oldest first) for each series. Keep-alives are a series
/// of their own and 200 answers are left out of <see cref="ByAnswer"/>: at hundreds a minute they would flatten
/// every other line to the axis, and a 403 among them is what the operator looks for.
/// </summary>
public sealed record HookRate(
    IReadOnlyList<DateTimeOffset> Minutes, IReadOnlyDictionary<string, int[]> ByMethod, IReadOnlyDictionary<string, int[]> ByAnswer,
    int[] KeepAlives, int[] Ok);

/// <summary>Failures of the last hour, newest first, each list paged on its own.</summary>
public sealed record DashboardFailures(PagedResult<StreamItem> FailedStreams, PagedResult<EventItem> RefusedConnects, IReadOnlyList<EventItem> Non200Answers);

/// <summary>Which page of each failure list the dashboard shows.</summary>
public sealed record FailurePages(int FailedStreams = 1, int RefusedConnects = 1);

/// <summary>
/// The dashboard's figures. Stream and session counts and the failures are index ranges; the hook rates come from
/// the in-memory <see cref="HookRateTracker"/> (a GROUP BY over the last hour would read every row of it).
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<PortalDbContext> contexts, HookRateTracker rates, IngestMetrics ingest, AnswerTimeTracker answerTimes, TimeProvider time)
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
            rate.LastMinuteTotal, rate.LastMinuteNon200, rate.RejectedLastHour, ingest.ShedLastHour)
        {
            DuplicatesLastHour = ingest.DuplicatesLastHour,
            AnswerTimes = answerTimes.LastHour(),
        };
    }

    public async Task<HookRate> RateAsync(CancellationToken ct)
    {
        var rate = await rates.SnapshotAsync(ct);
        var minutes = Enumerable.Range(0, Minutes).Select(i => DateTimeOffset.FromUnixTimeMilliseconds((rate.FirstMinute + i) * 60_000)).ToList();
        var keepAlives = rate.ByMethod.TryGetValue(KeepAlive.Method, out var ka) ? ka : new int[Minutes];
        var top = rate.ByMethod.Where(s => !KeepAlive.Is(s.Key)).OrderByDescending(s => s.Value.Sum()).Take(MaxMethodSeries).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var byMethod = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (method, values) in rate.ByMethod)
        {
            if (KeepAlive.Is(method)) continue;
            var key = top.Contains(method) ? method : "other";
            if (!byMethod.TryGetValue(key, out var sum)) byMethod[key] = sum = new int[Minutes];
            for (var i = 0; i < Minutes; i++) sum[i] += values[i];
        }
        var ok = rate.ByAnswer.TryGetValue("200", out var o) ? o : new int[Minutes];
        var errors = rate.ByAnswer.Where(a => a.Key != "200").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return new HookRate(minutes, byMethod, errors, keepAlives, ok);
    }

    /// <summary>
    /// Failed streams and refused connects of the last hour, a page of each (ordinary failures, such as ICE timeouts,
    /// must not push an interesting one out of reach), and the latest non-200 answers of the day. A body rejected as
    /// bad input is no refusal (WCS never saw an answer to its connect decided on its content); those are counted
    /// under "Rejected hooks".
    /// </summary>
    public async Task<DashboardFailures> FailuresAsync(FailurePages pages, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1).ToUnixTimeMilliseconds();
        var dayAgo = now.AddDays(-1).ToUnixTimeMilliseconds();
        var failedQuery = db.Streams.AsNoTracking().Where(s => s.Status == StreamStatus.Failed && s.LastSeenMs >= hourAgo);
        var failedTotal = await failedQuery.CountAsync(ct);
        var failed = await failedQuery.OrderByDescending(s => s.LastSeenMs).Skip(Skip(pages.FailedStreams, failedTotal))
            .Take(FailureRows).Select(StreamQueries.ToItem).ToListAsync(ct);
        var refusedQuery = db.Events.AsNoTracking()
            .Where(e => e.Method == WcsMethod.Connect && e.AnswerStatus != 200 && !e.Rejected && e.ReceivedAtMs >= hourAgo);
        var refusedTotal = await refusedQuery.CountAsync(ct);
        var refused = await refusedQuery.OrderByDescending(e => e.Id).Skip(Skip(pages.RefusedConnects, refusedTotal))
            .Take(FailureRows).Select(EventQueries.ToItem).ToListAsync(ct);
        var non200 = await db.Events.AsNoTracking().Where(e => e.ReceivedAtMs >= dayAgo && e.AnswerStatus != 200)
            .OrderByDescending(e => e.Id).Take(FailureRows).Select(EventQueries.ToItem).ToListAsync(ct);
        return new DashboardFailures(
            new PagedResult<StreamItem>(await SessionLogins.AddAsync(db, failed, ct), failedTotal),
            new PagedResult<EventItem>(await SessionLogins.AddAsync(db, refused, ct), refusedTotal),
            await SessionLogins.AddAsync(db, non200, ct));
    }

    /// <summary>Pages past the end show the last one (the list shrinks as the hour moves on).</summary>
    private static int Skip(int page, int total) =>
        (Math.Clamp(page, 1, Math.Max(1, (total + FailureRows - 1) / FailureRows)) - 1) * FailureRows;

    /// <summary>Why a connect was refused, in a few words.</summary>
    public static string RefusalReason(EventItem e) =>
        e.RuleName is { } rule ? "rule " + rule : e.AnswerStatus == 503 ? "shed (overload)" : e.AnswerDelivered ? "answer " + e.AnswerStatus : "answer not delivered";
}
