using Npgsql;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Data;

/// <summary>
/// The PostgreSQL server the Postgres cases run against: STREAMPORTAL_TEST_POSTGRES holds a connection string to it
/// (any database; each test gets a fresh one). Without it the cases are skipped with that reason.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "STREAMPORTAL_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

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

/// <summary>A fact that needs a PostgreSQL server (see <see cref="PostgresTestServer"/>).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestServer.ConnectionString is null)
            Skip = $"No PostgreSQL server: set {PostgresTestServer.Variable} to a connection string to run the PostgreSQL cases.";
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
