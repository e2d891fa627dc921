using Microsoft.Extensions.Options;
using StreamPortal.Data;

namespace StreamPortal.Ingest;

/// <summary>
/// Copies the WAL back into the database file off the writer's thread. SQLite would otherwise checkpoint inside
/// a hook batch's commit (with an fsync), stalling every waiting hook; passive checkpoints never block the writer.
/// The writer's own auto-checkpoint stays on at a high mark as a backstop.
/// </summary>
public sealed class WalCheckpointer(StorageConnection storage, IOptions<IngestOptions> options, ILogger<WalCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.CheckpointIntervalMs);
        await using var connection = storage.Open(options.Value.Synchronous);
        using var timer = new PeriodicTimer(interval);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { cmd.ExecuteNonQuery(); }
                catch (Microsoft.Data.Sqlite.SqliteException ex) { logger.LogDebug(ex, "A passive checkpoint did not run."); }
            }
        }
        catch (OperationCanceledException) { }
    }
}
