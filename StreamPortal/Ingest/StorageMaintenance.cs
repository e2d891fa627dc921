using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamPortal.Data;

namespace StreamPortal.Ingest;

/// <summary>
/// SQLite housekeeping off the hook path:
/// - copies the WAL back into the database file with passive checkpoints (SQLite would otherwise checkpoint inside
///   a hook batch's commit, with an fsync, stalling every waiting hook), repeated until every frame is copied so that
///   the WAL restarts (see <see cref="Checkpoint"/>); the writer's own auto-checkpoint stays on at a high mark as a
///   backstop;
/// - refreshes the planner's statistics (sampled ANALYZE) at start and hourly, so that filters on rare values
///   (rejected, non-200) use their small partial indexes instead of walking the table newest-first; and every minute
///   re-analyzes a table whose size has changed manyfold since (<see cref="RefreshGrownStatistics"/>), so that a
///   database that was small at start is not planned as small for an hour.
/// PostgreSQL has neither a WAL file to copy back nor stale statistics (its autovacuum analyzes), so nothing runs there.
/// </summary>
public sealed class StorageMaintenance(
    StorageConnection storage,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<StorageMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan AnalyzeEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefreshGrownEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// SQLite's own judgement of stale statistics: <c>PRAGMA optimize</c> with 0x10000 (check every table's size, not
    /// only those this connection's queries used), 0x10 (a bounded, sampled ANALYZE) and 0x2 (run it). A table is
    /// re-analyzed once its row count has grown or shrunk by a large factor since its last ANALYZE, else nothing runs.
    /// </summary>
    internal const string RefreshGrownStatistics = "PRAGMA optimize=0x10012;";
    private const int MaxPasses = 6;
    private const int ChaseFrames = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // At once, not after the first hooks (Live/BackgroundStart): its first ANALYZE must see the tables as they are
        // at start. Taken after the first few hooks of a fresh database, the statistics said "a few rows" for an hour,
        // and the planner scanned Events for every search and cleanup (bench/RESULTS.md, "Twelfth session").
        if (storage.IsPostgres) return;
        await using var connection = storage.Open(options.Value.Synchronous);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.CheckpointIntervalMs), time);
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        var lastAnalyze = 0L;
        var lastRefresh = time.GetTimestamp();
        try
        {
            do
            {
                if (lastAnalyze == 0 || time.GetElapsedTime(lastAnalyze) > AnalyzeEvery)
                {
                    Run(connection, "PRAGMA analysis_limit=1000; ANALYZE;", "statistics refresh");
                    lastAnalyze = lastRefresh = time.GetTimestamp();
                }
                else if (time.GetElapsedTime(lastRefresh) > RefreshGrownEvery)
                {
                    Run(connection, RefreshGrownStatistics, "statistics check");
                    lastRefresh = time.GetTimestamp();
                }
                try { Checkpoint(checkpoint); }
                catch (SqliteException ex) { logger.LogDebug(ex, "A passive checkpoint did not run."); }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }

    internal static void Checkpoint(SqliteCommand checkpoint)
    {
        // One row per pass: busy, frames in the WAL, frames copied back. A pass copies what was committed when it
        // began; while the writer commits a little during a pass, the next pass copies that, until a pass finds
        // nothing new (no I/O then): every frame is copied back and the writer's next commit restarts the WAL. A busy
        // writer (more than ChaseFrames meanwhile) is left to the next tick, as chasing it would copy hot pages twice.
        var frames = -1L;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            using var reader = checkpoint.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(0) != 0) return;
            var log = reader.GetInt64(1);
            if (log == frames || (frames >= 0 && log - frames > ChaseFrames)) return;
            frames = log;
        }
    }

    private void Run(SqliteConnection connection, string sql, string what)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        Run(cmd, what);
    }

    private void Run(SqliteCommand cmd, string what)
    {
        // Busy is normal here (the writer or a reader holds the database); the next tick tries again.
        try { cmd.ExecuteNonQuery(); }
        catch (SqliteException ex) { logger.LogDebug(ex, "A {What} did not run.", what); }
    }
}
