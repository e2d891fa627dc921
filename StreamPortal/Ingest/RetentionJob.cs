using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Live;

namespace StreamPortal.Ingest;

/// <summary>
/// Deletes old events in small batches, each its own short transaction. On SQLite the ingest writer runs them itself
/// when no hook waits (<see cref="WriterChores"/>, <see cref="ChoreBatchSize"/> events each): on a connection of their
/// own, back-to-back deletes held the file's one write lock against the writer (pruning 1,000,000 events under 1,000
/// hooks/s put the hooks' p50 at 5.6 s). On PostgreSQL they run on a connection of their own (<see cref="BatchSize"/>
/// each), beside the writer: a delete locks its rows, not the tables.
/// The events of a session or stream that is not over are kept, however old (<see cref="RetentionSql"/>), so with
/// "keep N events" a few more than N may stay.
/// Streams, sessions and event keys (one small row per distinct session id, media session id and stream name) are
/// never pruned.
/// </summary>
public sealed class RetentionJob(
    RetentionSettings settings,
    StorageConnection storage,
    PostgresDataSource postgres,
    WriterChores chores,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    BackgroundStart backgroundStart,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public const int BatchSize = 5000;

    /// <summary>
    /// Events per delete run by the SQLite writer: a hook that arrives meanwhile waits for one such delete (1-2 ms
    /// at 1,000,000 events here, unsynced: see WithoutSync), and an idle writer runs one after another.
    /// </summary>
    public const int ChoreBatchSize = 100;
    private readonly SemaphoreSlim _running = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await backgroundStart.WaitAsync(stoppingToken)) return;
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
            // Each phase reads the live keys before it fixes its cutoff: a session that starts later has only events
            // past that cutoff (later in time, higher in id), so the snapshot holds every live one the phase can reach.
            if (policy.KeepDays is { } days)
            {
                var live = await LiveKeysAsync(connection, sql, ct);
                var cutoff = time.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds();
                deleted += await DeleteInBatchesAsync(connection, sql, sql.DeleteOlderThan, cutoff, live, ct);
            }
            if (policy.MaxEvents is { } max)
            {
                var live = await LiveKeysAsync(connection, sql, ct);
                // The id below which everything goes: the (max+1)-th newest.
                await using var find = connection.CreateCommand();
                find.CommandText = sql.NewestBeyond;
                AddParameter(find, sql.Parameter(0), max);
                if (await find.ExecuteScalarAsync(ct) is long lastToDelete)
                    deleted += await DeleteInBatchesAsync(connection, sql, sql.DeleteUpToId, lastToDelete, live, ct);
            }
            if (deleted > 0) logger.LogInformation("Retention deleted {Count} old events.", deleted);
            return deleted;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>The live sessions' and streams' key ids as JSON arrays, where the dialect takes them (SQLite); else null.</summary>
    private static async Task<(string Sessions, string Streams)?> LiveKeysAsync(DbConnection connection, RetentionSql sql, CancellationToken ct)
    {
        if (sql.LiveKeys is null) return null;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql.LiveKeys;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <param name="statement">Its first parameter is <paramref name="parameter"/>, its second the batch size, then the live keys if given.</param>
    private async Task<long> DeleteInBatchesAsync(DbConnection connection, RetentionSql sql, string statement, long parameter,
        (string Sessions, string Streams)? live, CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            int n;
            if (storage.IsPostgres)
            {
                await using var cmd = Delete(connection, sql, statement, parameter, BatchSize, live);
                // Autocommit: each statement is its own short transaction.
                n = await cmd.ExecuteNonQueryAsync(ct);
                total += n;
                if (n < BatchSize) return total;
                await Task.Yield();
                continue;
            }
            var (deleted, took) = await chores.RunAsync(writer =>
            {
                var started = Stopwatch.GetTimestamp();
                using var cmd = Delete(writer, sql, statement, parameter, ChoreBatchSize, live);
                return (WithoutSync(writer, cmd.ExecuteNonQuery), Stopwatch.GetElapsedTime(started));
            }, ct);
            total += deleted;
            if (deleted < ChoreBatchSize) return total;
            // A quarter of the writer's time at most: the hooks that queue behind a delete need the rest, and the cores
            // (1,000,000 events pruned at 1,000 hooks/s: p99 51 ms at half, 31 ms at a quarter, 16 ms with no prune;
            // about 4,000 events a second go at a quarter). Real time, not the injected clock: this paces work.
            await Task.Delay(took * 3, ct);
        }
    }

    /// <summary>
    /// Runs a delete on the writer's connection without the sync a commit of its otherwise waits for (synchronous
    /// NORMAL for that statement, then the writer's own setting again): that fsync took 3-20 ms here, longer than the
    /// delete, and hooks queued behind it. A delete lost to a power cut is done again by the next prune; the hooks'
    /// commits stay synced, and each one's sync covers the WAL frames before it, the deletes' included.
    /// </summary>
    private static int WithoutSync(DbConnection writer, Func<int> delete)
    {
        using var pragma = writer.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous";
        var own = Convert.ToInt64(pragma.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        pragma.CommandText = "PRAGMA synchronous=NORMAL";
        pragma.ExecuteNonQuery();
        try
        {
            return delete();
        }
        finally
        {
            pragma.CommandText = $"PRAGMA synchronous={own}";
            pragma.ExecuteNonQuery();
        }
    }

    private static DbCommand Delete(DbConnection connection, RetentionSql sql, string statement, long parameter, int size, (string Sessions, string Streams)? live)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = statement;
        AddParameter(cmd, sql.Parameter(0), parameter);
        AddParameter(cmd, sql.Parameter(1), size);
        if (live is { } keys)
        {
            AddParameter(cmd, sql.Parameter(2), keys.Sessions);
            AddParameter(cmd, sql.Parameter(3), keys.Streams);
        }
        return cmd;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
