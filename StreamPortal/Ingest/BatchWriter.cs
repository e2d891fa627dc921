using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Cluster;
using StreamPortal.Data;
using StreamPortal.Hooks;
using StreamPortal.Live;
using StreamPortal.WcsApi;

namespace StreamPortal.Ingest;

/// <summary>
/// The only writer of hook data. Takes whatever is queued (up to MaxBatchSize, never waiting for more), writes
/// events and projections in one transaction, then completes the waiting requests and publishes the batch.
/// The store-specific part is an <see cref="IBatchStore"/> (SQLite or PostgreSQL), written without EF change
/// tracking: tracking per hook would cost more than the commit.
/// It stops last (in StoppedAsync, after the web server has drained its requests), so no accepted hook is dropped.
/// </summary>
public sealed class BatchWriter(
    IngestQueue queue,
    WriterChores chores,
    HookFeed feed,
    StorageConnection storage,
    PostgresDataSource postgres,
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<IngestOptions> options,
    TimeProvider time,
    IngestMetrics metrics,
    WriterStatus status,
    WcsTimings timings,
    IOptions<HookOptions> hookOptions,
    IOptions<ClusterOptions> cluster,
    ILogger<BatchWriter> logger) : IHostedLifecycleService
{
    private Task _loop = Task.CompletedTask;

    /// <summary>Recorded with every event this instance stores: one string for the process, no allocation per hook.</summary>
    private readonly string _instance = cluster.Value.Instance;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not in the loop, so that a row the writer cannot bind stops the portal from starting.
        ProjectedRows rows;
        using (var db = contexts.CreateDbContext()) rows = ProjectedRows.From(db.Model);
        _loop = Task.Run(() => RunAsync(rows), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await _loop.WaitAsync(cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync(ProjectedRows rows)
    {
        var reader = queue.Reader;
        try
        {
            using var store = OpenStore(rows);
            var duplicates = new DuplicateTracker(hookOptions.Value.DuplicateTrackedBodies);
            var batch = new List<IngestItem>(options.Value.MaxBatchSize);
            status.Started();
            while (true)
            {
                while (batch.Count < options.Value.MaxBatchSize && reader.TryRead(out var item))
                    if (item != IngestItem.Wake) batch.Add(item);
                if (batch.Count > 0)
                {
                    status.Writes(batch.Count);
                    Commit(store, duplicates, batch);
                    status.Writes(0);
                    batch.Clear();
                    // Hooks first; a chore that has waited too long goes between two batches.
                    if (store.ChoreConnection is { } busy && chores.Overdue) chores.RunOne(busy);
                    continue;
                }
                if (store.ChoreConnection is { } idle && chores.RunOne(idle)) continue;
                // The channel's own wait (no allocation: one reader); a chore posted meanwhile wakes it (IngestQueue.Wake).
                if (!await reader.WaitToReadAsync()) break;
            }
            chores.CancelAll();
        }
        catch (Exception ex)
        {
            chores.CancelAll();
            status.Stopped();
            // Without a connection nothing can be stored: fail every waiting request (503) instead of letting it hang.
            logger.LogCritical(ex, "The ingest writer cannot write to the database; hooks are answered 503 until restart.");
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out var item))
                    if (item != IngestItem.Wake) item.Fail(ex);
        }
    }

    /// <summary>The configured store's half of the writer; SQLite opens its file here, PostgreSQL connects per batch as needed.</summary>
    private IBatchStore OpenStore(ProjectedRows rows) => storage.IsPostgres
        ? new PostgresBatchStore(postgres.Writer, rows, logger)
        : new SqliteBatchStore(storage, options.Value, rows);

    private void Commit(IBatchStore store, DuplicateTracker duplicates, List<IngestItem> batch)
    {
        try
        {
            Finish(batch, WriteInTransaction(store, duplicates, batch));
        }
        catch (Exception ex) when (store.Unavailable(ex) is { } unavailable)
        {
            FailUnavailable(batch, 0, unavailable);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad item must not fail its neighbours: retry each alone, so only the culprit fails.
            logger.LogWarning(ex, "A batch of {Count} hooks failed; retrying them one by one.", batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                try
                {
                    Finish([item], WriteInTransaction(store, duplicates, [item]));
                }
                catch (Exception one) when (store.Unavailable(one) is { } unavailable)
                {
                    FailUnavailable(batch, i, unavailable);
                    return;
                }
                catch (Exception one) { logger.LogError(one, "Storing a {Method} hook failed.", item.Event.Method); item.Fail(one); }
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Storing a {Method} hook failed.", batch[0].Event.Method);
            batch[0].Fail(ex);
        }
    }

    /// <summary>
    /// A store that is out of reach or locked elsewhere is no hook's fault: retrying hooks one by one would make each
    /// wait again (past WCS's timeout), so the rest of the batch fails at once and WCS is told to retry.
    /// </summary>
    private void FailUnavailable(List<IngestItem> batch, int from, StoreUnavailableException unavailable)
    {
        logger.LogWarning(unavailable.InnerException, "The database is unavailable ({Reason}); {Count} hooks are answered 503.", unavailable.Message, batch.Count - from);
        for (var i = from; i < batch.Count; i++) batch[i].Fail(unavailable);
        status.BatchFailed();
    }

    private BatchChanges WriteInTransaction(IBatchStore store, DuplicateTracker duplicates, List<IngestItem> batch)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var item in batch)
        {
            if (item.IsAnswerNotDelivered) continue;
            if (!item.KeepsLatency) item.Event.LatencyMs = Stopwatch.GetElapsedTime(item.StartTimestamp).TotalMilliseconds;
            // An imported event was answered by another portal: it keeps the instance it came with (or none).
            if (item.Event.ImportedFrom is null) item.Event.Instance = _instance;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var window = timings.DuplicateWindowMs;
        var marking = new DuplicateMarking(duplicates, window);
        BatchChanges changes;
        try
        {
            changes = store.Write(batch, now, marking);
        }
        catch
        {
            // The ids remembered in the failed transaction were never stored.
            duplicates.Invalidate();
            throw;
        }
        duplicates.Trim(now, window);
        if (marking.Marked > 0) metrics.Duplicates(marking.Marked);
        metrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, store.TakePagesWritten(), store.TakeStaleChecks());
        return changes;
    }

    private void Finish(List<IngestItem> batch, BatchChanges changes)
    {
        var followUps = 0;
        foreach (var item in batch) if (item.IsAnswerNotDelivered) followUps++;
        // A follow-up is no new event: the feed publishes only the inserted ones.
        var summaries = new EventSummary[batch.Count - followUps];
        var next = 0;
        foreach (var item in batch)
        {
            if (!item.IsAnswerNotDelivered) summaries[next++] = EventSummary.From(item.Event);
            item.Complete(item.Event.Id);
        }
        status.Committed();
        feed.Publish(new CommittedBatch(summaries, changes.Streams, changes.Sessions));
    }
}

internal sealed class BatchChanges
{
    public HashSet<string> Streams { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Sessions { get; } = new(StringComparer.Ordinal);
}
