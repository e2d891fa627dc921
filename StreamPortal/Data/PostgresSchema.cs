using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace StreamPortal.Data;

/// <summary>
/// Brings a PostgreSQL database to the current schema at start, safely when several instances start at once:
/// the database is created if missing (from the server's maintenance database; a concurrent creation by another
/// instance is fine), and migrations run under a session advisory lock, so one instance migrates while the others
/// wait and then find nothing left to do. (EF Core's own migration lock is not relied on alone: the database
/// creation and the history table's creation happen before it.)
/// </summary>
public sealed class PostgresSchema(StorageConnection storage, PostgresDataSource source, ILogger<PostgresSchema> logger)
{
    /// <summary>Any fixed number: the lock is the portal's, per database.</summary>
    internal const long MigrationLockId = 0x5354_5250_4F52_544C; // "STRPORTL"

    private const string DuplicateDatabase = "42P04";

    /// <summary>Two CREATE DATABASE at once: the loser may also meet the catalogue's unique index (pg_database_datname_index).</summary>
    private const string UniqueViolation = "23505";

    public async Task MigrateAsync(IDbContextFactory<PortalDbContext> contexts, CancellationToken ct)
    {
        await EnsureDatabaseAsync(ct);
        await using var connection = await source.Source.OpenConnectionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockId})", connection))
            await lockCmd.ExecuteNonQueryAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockId})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var name = source.Database;
        await using var connection = new NpgsqlConnection(PostgresDataSource.Maintenance(storage.ConnectionString));
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(ct) is not null) return;
        }
        try
        {
            // CREATE DATABASE takes no parameters; the name is quoted as an identifier.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Created the PostgreSQL database {Database}.", name);
        }
        catch (PostgresException ex) when (ex.SqlState is DuplicateDatabase or UniqueViolation)
        {
            // Another instance created it meanwhile.
        }
    }
}
