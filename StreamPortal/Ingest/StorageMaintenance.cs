using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamPortal.Data;

namespace StreamPortal.Ingest;

/// <summary>
/// SQLite housekeeping off the hook path:
/// - copies the WAL back into the database file with passive checkpoints (SQLite would otherwise checkpoint inside
///   a hook batch's commit, with an fsync, stalling every waiting hook), then hands the end of the cycle to the
///   writer (<see cref="CheckpointHandoff"/>); the writer's own auto-checkpoint stays on at a high mark as a backstop;
/// - refreshes the planner's statistics (sampled ANALYZE) at start and hourly, so that filters on rare values
///   (rejected, non-200) use their small partial indexes instead of walking the table newest-first.
/// </summary>
public sealed class StorageMaintenance(
    StorageConnection storage,
    CheckpointHandoff handoff,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<StorageMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan AnalyzeEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = storage.Open(options.Value.Synchronous);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.CheckpointIntervalMs), time);
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        var lastAnalyze = 0L;
        try
        {
            do
            {
                if (lastAnalyze == 0 || time.GetElapsedTime(lastAnalyze) > AnalyzeEvery)
                {
                    Run(connection, "PRAGMA analysis_limit=1000; ANALYZE;", "statistics refresh");
                    lastAnalyze = time.GetTimestamp();
                }
                Checkpoint(checkpoint);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }

    private void Checkpoint(SqliteCommand checkpoint)
    {
        try
        {
            // One row: busy, frames in the WAL, frames copied back.
            handoff.BackgroundCheckpointStarting();
            using var reader = checkpoint.ExecuteReader();
            if (reader.Read() && reader.GetInt64(0) == 0 && reader.GetInt64(1) > 0) handoff.BackgroundCheckpointDone();
        }
        catch (SqliteException ex) { logger.LogDebug(ex, "A passive checkpoint did not run."); }
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
