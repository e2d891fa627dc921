using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Live;

namespace StreamPortal.Ingest;

/// <summary>
/// The only writer of hook data. Takes whatever is queued (up to MaxBatchSize, never waiting for more), writes
/// events and projections in one transaction, then completes the waiting requests and publishes the batch.
/// Uses prepared commands on its own connection: change tracking per hook would cost more than the commit.
/// It stops last (in StoppedAsync, after the web server has drained its requests), so no accepted hook is dropped.
/// </summary>
public sealed class BatchWriter(
    IngestQueue queue,
    HookFeed feed,
    StorageConnection storage,
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<IngestOptions> options,
    TimeProvider time,
    IngestMetrics metrics,
    WriterStatus status,
    ILogger<BatchWriter> logger) : IHostedLifecycleService
{
    private Task _loop = Task.CompletedTask;

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
            // Unpooled: the connection turns triggers off (TuneWriterConnection), which must not reach another user.
            await using var connection = storage.Open(options.Value.Synchronous, pooled: false);
            TuneWriterConnection(connection);
            using var commands = new BatchCommands(connection, rows);
            var cache = new ProjectionCache(options.Value.ProjectionCacheSize);
            // Three strings per hook at most (session, media session, stream name).
            var keys = new EventKeyCache(3 * options.Value.ProjectionCacheSize);
            var batch = new List<IngestItem>(options.Value.MaxBatchSize);
            status.Started();
            while (await reader.WaitToReadAsync())
            {
                while (batch.Count < options.Value.MaxBatchSize && reader.TryRead(out var item)) batch.Add(item);
                status.Writes(batch.Count);
                Commit(commands, cache, keys, batch);
                status.Writes(0);
                batch.Clear();
            }
        }
        catch (Exception ex)
        {
            status.Stopped();
            // Without a connection nothing can be stored: fail every waiting request (503) instead of letting it hang.
            logger.LogCritical(ex, "The ingest writer cannot write to the database; hooks are answered 503 until restart.");
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out var item)) item.Fail(ex);
        }
    }

    /// <summary>
    /// A big page cache keeps index pages in memory across batches; checkpoints are StorageMaintenance's job, with
    /// the writer's own auto-checkpoint only as a backstop (WalBackstopPages); the WAL file is cut back to 64 MB
    /// after checkpoints so that it does not keep the size of its largest burst.
    /// </summary>
    private void TuneWriterConnection(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA busy_timeout={options.Value.WriterBusyTimeoutMs}; PRAGMA cache_size=-{options.Value.WriterCacheMb * 1024}; PRAGMA wal_autocheckpoint={options.Value.WalBackstopPages}; PRAGMA journal_size_limit=67108864; PRAGMA temp_store=MEMORY;";
        cmd.ExecuteNonQuery();
        // The writer indexes each event for search itself (BatchCommands.InsertEvent): the index's insert trigger, for
        // other writers, would do it again at three times the cost. The writer deletes no events and updates no
        // searched column, so no other trigger has work on this connection.
        if (SQLitePCL.raw.sqlite3_db_config(connection.Handle!, EnableTriggerOption, 0, out var enabled) != 0 || enabled != 0)
            throw new InvalidOperationException("SQLite did not turn triggers off on the writer's connection: events would be indexed twice.");
    }

    private const int EnableTriggerOption = 1008; // SQLITE_DBCONFIG_ENABLE_TRIGGER

    private void Commit(BatchCommands commands, ProjectionCache cache, EventKeyCache keys, List<IngestItem> batch)
    {
        try
        {
            Finish(batch, WriteInTransaction(commands, cache, keys, batch));
        }
        catch (SqliteException ex) when (IsLock(ex))
        {
            FailLocked(batch, 0, ex);
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
                    Finish([item], WriteInTransaction(commands, cache, keys, [item]));
                }
                catch (SqliteException one) when (IsLock(one))
                {
                    FailLocked(batch, i, one);
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
    /// A write lock held by another connection is no hook's fault: retrying hooks one by one would make each wait the
    /// busy timeout again (past WCS's timeout), so the rest of the batch fails at once and WCS is told to retry.
    /// </summary>
    private void FailLocked(List<IngestItem> batch, int from, SqliteException ex)
    {
        logger.LogWarning(ex, "The database is locked by another connection; {Count} hooks are answered 503.", batch.Count - from);
        var busySeconds = Math.Max(1, (int)Math.Ceiling(options.Value.WriterBusyTimeoutMs / 1000.0));
        var unavailable = new StoreUnavailableException(
            $"The database is locked by another connection (waited {options.Value.WriterBusyTimeoutMs} ms, " +
            $"{IngestOptions.Section}:{nameof(IngestOptions.WriterBusyTimeoutMs)}); the hook was not stored.", TimeSpan.FromSeconds(busySeconds), ex);
        for (var i = from; i < batch.Count; i++) batch[i].Fail(unavailable);
        status.BatchFailed();
    }

    private static bool IsLock(SqliteException ex) => ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED;

    private BatchChanges WriteInTransaction(BatchCommands commands, ProjectionCache cache, EventKeyCache keys, List<IngestItem> batch)
    {
        var changes = new BatchChanges();
        var started = Stopwatch.GetTimestamp();
        commands.Begin();
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var item in batch)
            {
                if (item.IsAnswerNotDelivered)
                {
                    commands.MarkAnswerNotDelivered(item.Event.Id);
                    continue;
                }
                if (!item.KeepsLatency) item.Event.LatencyMs = Stopwatch.GetElapsedTime(item.StartTimestamp).TotalMilliseconds;
                item.Event.Id = commands.InsertEvent(item.Event, item.RawBody, keys);
                if (item.Fields is not null) cache.Apply(item, commands, now, changes);
                if (item.Event.RuleId is { } ruleId) commands.CountRuleHit(ruleId, now);
            }
            cache.Flush(commands);
            commands.Commit();
        }
        catch
        {
            commands.RollBackIfOpen();
            cache.Invalidate();
            keys.Invalidate();
            throw;
        }
        cache.Trim();
        keys.Trim();
        metrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, commands.TakePagesWritten());
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
