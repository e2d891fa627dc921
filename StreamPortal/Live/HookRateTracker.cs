using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Live;

/// <summary>Hooks of the last hour, per minute by method and by answer, plus the last 60 seconds' totals.</summary>
public sealed record HookRateSnapshot(
    long FirstMinute,
    IReadOnlyDictionary<string, int[]> ByMethod,
    IReadOnlyDictionary<string, int[]> ByAnswer,
    int LastMinuteTotal,
    int LastMinuteNon200,
    int RejectedLastHour);

/// <summary>
/// Keeps the dashboard's rates in memory from the live feed, so a refresh costs nothing however many events
/// are stored (a GROUP BY over the last hour reads every row of it). Loaded once from the database on first use;
/// events of the feed that the load already counted (id &lt;= the loaded maximum) are skipped.
/// </summary>
public sealed class HookRateTracker : IHostedService, IDisposable
{
    public const int Minutes = 60;

    private readonly IDbContextFactory<PortalDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly BackgroundStart _backgroundStart;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Dictionary<long, MinuteBucket> _minutes = new();
    private readonly Dictionary<long, (int Total, int Non200)> _seconds = new();
    private List<EventSummary>? _pending = [];
    private long _loadedMaxId;

    public HookRateTracker(HookFeed feed, IDbContextFactory<PortalDbContext> contexts, TimeProvider time, BackgroundStart backgroundStart)
    {
        _contexts = contexts;
        _time = time;
        _backgroundStart = backgroundStart;
        _subscription = feed.Subscribe(OnBatch);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded after the start (BackgroundStart), or by the first snapshot asked for before that.
        _ = Task.Run(async () =>
        {
            if (await _backgroundStart.WaitAsync(CancellationToken.None)) await EnsureLoadedAsync(CancellationToken.None);
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnBatch(CommittedBatch batch)
    {
        lock (_gate)
        {
            if (_pending is not null) { _pending.AddRange(batch.Events); return; }
            foreach (var e in batch.Events) if (e.Id > _loadedMaxId) Count(e.ReceivedAtMs, e.Method, e.AnswerStatus, e.Rejected, 1);
        }
    }

    public async Task<HookRateSnapshot> SnapshotAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var firstMinute = now / 60_000 - Minutes + 1;
        var byMethod = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var byAnswer = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        int total = 0, non200 = 0, rejected = 0;
        lock (_gate)
        {
            Prune(now);
            foreach (var (minute, bucket) in _minutes)
            {
                var i = (int)(minute - firstMinute);
                if (i is < 0 or >= Minutes) continue;
                foreach (var (method, n) in bucket.ByMethod) Series(byMethod, method)[i] += n;
                foreach (var (answer, n) in bucket.ByAnswer) Series(byAnswer, answer.ToString())[i] += n;
                rejected += bucket.Rejected;
            }
            var firstSecond = now / 1000 - 59;
            foreach (var (second, counts) in _seconds)
                if (second >= firstSecond) { total += counts.Total; non200 += counts.Non200; }
        }
        return new HookRateSnapshot(firstMinute, byMethod, byAnswer, total, non200, rejected);
    }

    private async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _pending) is null) return;
        await _loading.WaitAsync(ct);
        try
        {
            if (_pending is null) return;
            var from = (_time.GetUtcNow().ToUnixTimeMilliseconds() / 60_000 - Minutes + 1) * 60_000;
            await using var db = await _contexts.CreateDbContextAsync(ct);
            var maxId = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            var rows = await CountsSince(db.Events.AsNoTracking(), from, maxId).ToListAsync(ct);
            lock (_gate)
            {
                foreach (var r in rows) Count(r.Second * 1000, r.Method, r.AnswerStatus, r.Rejected, r.Count);
                _loadedMaxId = maxId;
                foreach (var e in _pending) if (e.Id > maxId) Count(e.ReceivedAtMs, e.Method, e.AnswerStatus, e.Rejected, 1);
                Volatile.Write(ref _pending, null);
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    internal sealed record SecondCount(long Second, string Method, int AnswerStatus, bool Rejected, int Count);

    /// <summary>Hooks per second, method and answer from <paramref name="from"/> up to id <paramref name="maxId"/>.</summary>
    internal static IQueryable<SecondCount> CountsSince(IQueryable<HookEvent> events, long from, long maxId) =>
        // "Id + 0", not "Id": on the bare id SQLite walks the rowid range below maxId (the whole table: 1.7 s at 2M
        // events, read beside the start-up work) instead of the ReceivedAtMs index over the last hour (20 ms).
        events.Where(e => e.ReceivedAtMs >= from && e.Id + 0 <= maxId)
            .GroupBy(e => new { Second = e.ReceivedAtMs / 1000, e.Method, e.AnswerStatus, e.Rejected })
            .Select(g => new SecondCount(g.Key.Second, g.Key.Method, g.Key.AnswerStatus, g.Key.Rejected, g.Count()));

    // Callers hold _gate.
    private void Count(long receivedAtMs, string method, int answer, bool rejected, int n)
    {
        var bucket = _minutes.TryGetValue(receivedAtMs / 60_000, out var b) ? b : _minutes[receivedAtMs / 60_000] = new MinuteBucket();
        bucket.ByMethod[method] = bucket.ByMethod.GetValueOrDefault(method) + n;
        bucket.ByAnswer[answer] = bucket.ByAnswer.GetValueOrDefault(answer) + n;
        if (rejected) bucket.Rejected += n;
        var second = receivedAtMs / 1000;
        var s = _seconds.GetValueOrDefault(second);
        _seconds[second] = (s.Total + n, s.Non200 + (answer == 200 ? 0 : n));
        if (_minutes.Count > Minutes * 2 || _seconds.Count > 120) Prune(_time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private void Prune(long now)
    {
        var oldestMinute = now / 60_000 - Minutes + 1;
        foreach (var m in _minutes.Keys.Where(m => m < oldestMinute).ToList()) _minutes.Remove(m);
        var oldestSecond = now / 1000 - 59;
        foreach (var s in _seconds.Keys.Where(s => s < oldestSecond).ToList()) _seconds.Remove(s);
    }

    private static int[] Series(IDictionary<string, int[]> all, string key)
    {
        if (!all.TryGetValue(key, out var values)) all[key] = values = new int[Minutes];
        return values;
    }

    public void Dispose() => _subscription.Dispose();

    private sealed class MinuteBucket
    {
        public Dictionary<string, int> ByMethod { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, int> ByAnswer { get; } = new();
        public int Rejected { get; set; }
    }
}
