using System.Data.Common;
using Microsoft.Extensions.Options;
using StreamPortal.Data;

namespace StreamPortal.Ingest;

/// <summary>
/// Deletes old events in small batches, each its own short transaction on its own connection, so that the
/// ingest writer (which keeps its own connection) only ever waits for one small delete (WAL + busy_timeout).
/// The events of a session or stream that is not over are kept, however old (<see cref="RetentionSql"/>), so with
/// "keep N events" a few more than N may stay.
/// Streams, sessions and event keys (one small row per distinct session id, media session id and stream name) are
/// never pruned.
/// </summary>
public sealed class RetentionJob(
    RetentionSettings settings,
    StorageConnection storage,
    PostgresDataSource postgres,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public const int BatchSize = 5000;
    private readonly SemaphoreSlim _running = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try { await PruneAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { logger.LogWarning(ex, "Pruning old events failed; will retry."); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many events were deleted.</returns>
    public async Task<long> PruneAsync(CancellationToken ct)
    {
        var policy = await settings.GetAsync(ct);
        if (policy == RetentionPolicy.None) return 0;
        await _running.WaitAsync(ct);
        try
        {
            var sql = storage.IsPostgres ? RetentionSql.Postgres : RetentionSql.Sqlite;
            await using DbConnection connection = storage.IsPostgres ? await postgres.Source.OpenConnectionAsync(ct) : storage.Open();
            long deleted = 0;
            if (policy.KeepDays is { } days)
            {
                var cutoff = time.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds();
                deleted += await DeleteInBatchesAsync(connection, sql.DeleteOlderThan, cutoff, ct);
            }
            if (policy.MaxEvents is { } max)
            {
                // The id below which everything goes: the (max+1)-th newest.
                await using var find = connection.CreateCommand();
                find.CommandText = sql.NewestBeyond;
                AddParameter(find, sql.Parameter(0), max);
                if (await find.ExecuteScalarAsync(ct) is long lastToDelete)
                    deleted += await DeleteInBatchesAsync(connection, sql.DeleteUpToId, lastToDelete, ct);
            }
            if (deleted > 0) logger.LogInformation("Retention deleted {Count} old events.", deleted);
            return deleted;
        }
        finally
        {
            _running.Release();
        }
    }

    private static void AddParameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <param name="sql">Its first parameter is <paramref name="parameter"/>, its second the batch size.</param>
    private async Task<long> DeleteInBatchesAsync(DbConnection connection, string sql, long parameter, CancellationToken ct)
    {
        var dialect = storage.IsPostgres ? RetentionSql.Postgres : RetentionSql.Sqlite;
        long total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            AddParameter(cmd, dialect.Parameter(0), parameter);
            AddParameter(cmd, dialect.Parameter(1), BatchSize);
            // Autocommit: each statement is its own short transaction, between which the writer gets the lock.
            var n = await cmd.ExecuteNonQueryAsync(ct);
            total += n;
            if (n < BatchSize) return total;
            await Task.Yield();
        }
    }
}
