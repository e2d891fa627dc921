using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Anomalies;

/// <summary>
/// Finds lifecycle anomalies continuously, off the hook path: it subscribes to the committed-batch feed (the writer
/// only hands it a batch, never waits for it) and sweeps the projections every <see cref="SweepInterval"/>. One loop
/// does all of it in order, so its memory needs no lock. A backlog beyond <see cref="QueueCapacity"/> batches is
/// dropped (counted) rather than held: hooks must never wait for the detector. In a cluster every instance sees every
/// batch, so only the instance holding the "anomalies" <see cref="ClusterLease"/> looks at them and sweeps; another
/// takes over (reloading the open anomalies from the table) when that one stops renewing.
/// </summary>
public sealed class AnomalyDetector(
    HookFeed feed, IDbContextFactory<PortalDbContext> contexts, AnomalySettings settings, AnomalyFeed changes,
    ClusterRedis cluster, TimeProvider time, BackgroundStart backgroundStart, ILogger<AnomalyDetector> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);
    public const int QueueCapacity = 10_000;

    private readonly Channel<object> _work = Channel.CreateBounded<object>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly HookFlowRules _flow = new();
    private readonly ClusterLease _lease = new(cluster, "anomalies", logger);
    private IDisposable? _subscription;
    private long _dropped;

    public AnomalyBook Book { get; } = new();

    /// <summary>Whether this instance finds the anomalies (always, unless another instance of its cluster does).</summary>
    public bool InCharge => _lease.IsHeld;

    /// <summary>Batches dropped because the detector fell behind.</summary>
    public long DroppedBatches => Interlocked.Read(ref _dropped);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(batch =>
        {
            if (!_work.Writer.TryWrite(batch)) Interlocked.Increment(ref _dropped);
        });
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Waits until every batch published before this call has been looked at and its anomalies stored.</summary>
    public Task FlushAsync(CancellationToken ct) => Enqueue(new Flush(), ct);

    /// <summary>Runs a sweep now (tests; the loop runs one every <see cref="SweepInterval"/> anyway).</summary>
    public Task SweepAsync(CancellationToken ct) => Enqueue(new Sweep(), ct);

    private async Task Enqueue(Marker marker, CancellationToken ct)
    {
        await _work.Writer.WriteAsync(marker, ct);
        await marker.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first hooks' batches wait in the channel meanwhile.
        if (!await backgroundStart.WaitAsync(stoppingToken)) return;
        var sweep = new AnomalySweep(_flow);
        try
        {
            await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
            {
                await Book.LoadAsync(db, stoppingToken);
                await SeedRefusedAsync(db, stoppingToken);
            }
        }
        catch (OperationCanceledException) { return; }
        _ = TickAsync(stoppingToken);
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                    switch (work)
                    {
                        case TookOver:
                        {
                            // What the previous holder found is in the table; what it remembered of the flow is not.
                            await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                            await Book.LoadAsync(db, stoppingToken);
                            await SeedRefusedAsync(db, stoppingToken);
                            break;
                        }
                        case CommittedBatch or Sweep when !_lease.IsHeld:
                            break;
                        case CommittedBatch batch:
                            foreach (var e in batch.Events) _flow.Apply(e, Book, now);
                            break;
                        case Sweep:
                        {
                            await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                            await sweep.RunAsync(db, Book, await settings.GetAsync(stoppingToken), now, stoppingToken);
                            break;
                        }
                    }
                    // Several batches queued: one save for all of them.
                    if (Book.HasChanges && (work is Marker || !_work.Reader.TryPeek(out _))) await SaveAsync(stoppingToken);
                    if (work is Marker done) done.Done.TrySetResult();
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { throw; }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "The anomaly detector failed on a batch or sweep; it goes on with the next.");
                    if (work is Marker failed) failed.Done.TrySetException(ex);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (await Book.SaveAsync(db, ct)) changes.Publish();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What memory holds and the table disagree now: start again from the table.
            logger.LogWarning(ex, "Storing anomalies failed; reloading the open ones.");
            await using var db = await contexts.CreateDbContextAsync(ct);
            await Book.LoadAsync(db, ct);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            // The lease is renewed every sweep interval, a third of its time to live or less.
            if (await _lease.RefreshAsync()) _work.Writer.TryWrite(new TookOver());
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (await _lease.RefreshAsync()) _work.Writer.TryWrite(new TookOver());
                _work.Writer.TryWrite(new Sweep());
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Refused sessions of the last day: a client that goes on after a restart is still caught.</summary>
    private async Task SeedRefusedAsync(PortalDbContext db, CancellationToken ct)
    {
        var dayAgo = time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
        var refused = await db.Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Refused && s.LastSeenMs >= dayAgo)
            .OrderByDescending(s => s.LastSeenMs).Take(HookFlowRules.Memory).Select(s => s.SessionId).ToListAsync(ct);
        foreach (var chunk in refused.Chunk(500))
        {
            var connects = await db.Events.AsNoTracking()
                .Where(e => e.Method == WcsMethod.Connect && e.AnswerStatus != 200 && !e.Rejected && chunk.Contains(e.SessionId!) && e.ReceivedAtMs >= dayAgo)
                .Select(e => new { SessionId = e.SessionId!, e.Id, e.AnswerStatus }).ToListAsync(ct);
            foreach (var c in connects) _flow.RememberRefused(c.SessionId, c.Id, c.AnswerStatus);
        }
    }

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }

    private abstract class Marker
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Flush : Marker;

    private sealed class Sweep : Marker;

    /// <summary>This instance has just taken the lease from another (or from nobody).</summary>
    private sealed class TookOver;
}
