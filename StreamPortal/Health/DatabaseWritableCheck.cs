using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamPortal.Data;

namespace StreamPortal.Health;

/// <summary>
/// The database takes writes: takes the write lock and gives it back at once (BEGIN IMMEDIATE; ROLLBACK), nothing
/// read or written; on PostgreSQL, that the server answers and is a primary (not a read-only standby). The outcome is kept for a moment so that frequent probes cost nothing and never queue on the lock.
/// </summary>
public sealed class DatabaseWritableCheck(StorageConnection storage, PostgresDataSource postgres, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMilliseconds(500);
    private const int BusyTimeoutMs = 250;

    private readonly SemaphoreSlim _gate = new(1, 1);
    // Microsoft.Data.Sqlite retries a busy database itself until this timeout (seconds; 30 by default).
    private readonly string _connectionString = storage.IsPostgres
        ? storage.ConnectionString
        : new SqliteConnectionStringBuilder(storage.ConnectionString) { DefaultTimeout = 1 }.ToString();
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again) return again;
            var result = await ProbeAsync(cancellationToken);
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally { _gate.Release(); }
    }

    private HealthCheckResult? Fresh() =>
        _last is { } last && time.GetUtcNow() - last.At < CacheFor ? last.Result : null;

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        if (storage.IsPostgres) return await ProbePostgresAsync(cancellationToken);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMs}";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            // BEGIN IMMEDIATE takes the write lock; disposing the transaction rolls it back.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SqliteException)
        {
            // The status word is all a probe gets; the writer logs why hooks fail.
            return HealthCheckResult.Unhealthy("The database does not take writes.");
        }
    }

    private async Task<HealthCheckResult> ProbePostgresAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await using var command = postgres.Source.CreateCommand("SELECT NOT pg_is_in_recovery()");
            return await command.ExecuteScalarAsync(timeout.Token) is true
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not take writes.");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not take writes.");
        }
    }
}
