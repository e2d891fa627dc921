using Npgsql;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Data;

/// <summary>
/// Fresh database names on the test server (<see cref="PostgresServer"/>, which also decides skip or fail through
/// [PostgresFact]) for tests that let the portal create its database at start, as it does in production.
/// </summary>
public static class PostgresTestServer
{
    public static string? ConnectionString => PostgresServer.ConnectionString;

    /// <summary>A connection string to a database name no other test uses (the portal creates it at start).</summary>
    public static string FreshDatabase() =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "portal_test_" + Guid.NewGuid().ToString("N")[..16] }.ToString();

    /// <summary>Drops a test database (closing the pools that may hold it open).</summary>
    public static async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>The real app on a fresh PostgreSQL database, dropped afterwards.</summary>
public sealed class PostgresPortalFactory : PortalFactory
{
    public PostgresPortalFactory(string? connectionString = null)
    {
        PostgresConnectionString = connectionString ?? PostgresTestServer.FreshDatabase();
        Settings["StreamPortal:Storage:Provider"] = "Postgres";
        Settings["ConnectionStrings:Portal"] = PostgresConnectionString;
    }

    public string PostgresConnectionString { get; }

    /// <summary>Whether disposing drops the database (false for a second instance sharing it).</summary>
    public bool OwnsDatabase { get; init; } = true;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase && PostgresTestServer.ConnectionString is not null) await PostgresTestServer.DropAsync(PostgresConnectionString);
    }
}
