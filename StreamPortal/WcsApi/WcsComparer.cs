using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Wcs;

namespace StreamPortal.WcsApi;

/// <summary>
/// Compares the portal's open streams with what the configured WCS nodes list (<see cref="WcsStreamList"/>), on demand
/// and every StreamPortal:Wcs:CompareIntervalSeconds. One comparison at a time (a second request waits for it and
/// gets the same kind of answer); the latest is kept for the Streams page and <c>GET /api/wcs/compare</c>.
/// </summary>
public sealed class WcsComparer(
    WcsStreamList lists, IDbContextFactory<PortalDbContext> contexts, IOptions<WcsOptions> options, TimeProvider time, ILogger<WcsComparer> logger)
{
    /// <summary>Mismatches listed in one answer (all are counted in MismatchTotal).</summary>
    public const int MaxMismatches = 500;

    private readonly SemaphoreSlim _running = new(1, 1);
    private volatile WcsComparison? _latest;

    public WcsComparison? Latest => _latest;

    public bool HasNodes => options.Value.Nodes.Count > 0;

    public async Task<WcsComparison> CompareAsync(CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            var o = options.Value;
            var nodes = o.Nodes.Select(n => ValidateWcsOptions.NodeUrl(n)!).ToList();
            // Nodes are asked together: a slow one costs the comparison its timeout once, not once per node.
            var answers = await Task.WhenAll(nodes.Select(n => AskAsync(n, TimeSpan.FromSeconds(o.CompareTimeoutSeconds), o.MaxAnswerBytes, ct)));
            var comparison = await CompareWithPortalAsync(answers, ct);
            _latest = comparison;
            return comparison;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<(NodeResult Result, IReadOnlyList<WcsStream> Streams)> AskAsync(Uri node, TimeSpan timeout, int maxBytes, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var streams = await lists.FindAllAsync(node, timeout, maxBytes, ct);
            return (new NodeResult(node.AbsoluteUri, true, streams.Count, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds), streams);
        }
        catch (WcsNodeException ex)
        {
            logger.LogWarning("WCS node comparison: {Problem}", ex.Message);
            return (new NodeResult(node.AbsoluteUri, false, 0, ex.Message, Stopwatch.GetElapsedTime(start).TotalMilliseconds), []);
        }
    }

    private async Task<WcsComparison> CompareWithPortalAsync((NodeResult Result, IReadOnlyList<WcsStream> Streams)[] answers, CancellationToken ct)
    {
        var wcsLive = new Dictionary<string, (WcsStream Stream, string Node)>(StringComparer.Ordinal);
        foreach (var (result, streams) in answers)
            foreach (var s in streams)
                if (StreamStatus.IsLive(s.Status)) wcsLive.TryAdd(s.MediaSessionId, (s, result.Url));

        await using var db = await contexts.CreateDbContextAsync(ct);
        var portalLive = await db.Streams.AsNoTracking()
            .Where(s => s.Status == StreamStatus.Publishing || s.Status == StreamStatus.Playing)
            .Select(s => new { s.MediaSessionId, s.Name, s.Status }).ToListAsync(ct);
        var portalLiveIds = portalLive.Select(s => s.MediaSessionId).ToHashSet(StringComparer.Ordinal);

        var mismatches = new List<StreamMismatch>();
        var total = 0;
        void Add(StreamMismatch m)
        {
            total++;
            if (mismatches.Count < MaxMismatches) mismatches.Add(m);
        }

        var everyNodeAnswered = answers.Length > 0 && answers.All(a => a.Result.Ok);
        if (everyNodeAnswered)
            foreach (var s in portalLive.Where(s => !wcsLive.ContainsKey(s.MediaSessionId)).OrderBy(s => s.Name, StringComparer.Ordinal))
                Add(new StreamMismatch(MismatchKind.PortalOnly, s.MediaSessionId, s.Name, s.Status, null, null));

        var wcsOnly = wcsLive.Values.Where(w => !portalLiveIds.Contains(w.Stream.MediaSessionId)).ToList();
        // What the portal knows of those (ended, or never seen): looked up in chunks, as SQLite bounds its parameters.
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var chunk in wcsOnly.Select(w => w.Stream.MediaSessionId).Take(MaxMismatches).Chunk(200))
            foreach (var row in await db.Streams.AsNoTracking().Where(s => chunk.Contains(s.MediaSessionId)).Select(s => new { s.MediaSessionId, s.Status }).ToListAsync(ct))
                known[row.MediaSessionId] = row.Status;
        foreach (var (stream, node) in wcsOnly.OrderBy(w => w.Stream.Name, StringComparer.Ordinal))
            Add(new StreamMismatch(MismatchKind.WcsOnly, stream.MediaSessionId, stream.Name, known.GetValueOrDefault(stream.MediaSessionId), stream.Status, node));

        return new WcsComparison(time.GetUtcNow(), answers.Select(a => a.Result).ToList(), portalLive.Count, wcsLive.Count, everyNodeAnswered, total, mismatches);
    }
}

/// <summary>Compares every StreamPortal:Wcs:CompareIntervalSeconds (when set and nodes are configured).</summary>
public sealed class WcsCompareSchedule(WcsComparer comparer, IOptions<WcsOptions> options, TimeProvider time, ILogger<WcsCompareSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.CompareIntervalSeconds;
        if (seconds <= 0 || !comparer.HasNodes) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await comparer.CompareAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "The scheduled WCS comparison failed."); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
