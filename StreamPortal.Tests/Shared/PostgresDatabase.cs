using Npgsql;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// A database of its own on the test server (<see cref="PostgresServer"/>), with a unique name, dropped on dispose
/// (with any connection still open to it). The PostgreSQL counterpart of <see cref="TempDatabase"/>.
/// </summary>
public sealed class PostgresDatabase : ITestDatabase, IDisposable
{
    private readonly string _server;
    private int _disposed;

    public PostgresDatabase()
    {
        _server = PostgresServer.ConnectionString ?? throw new InvalidOperationException(
            (PostgresServer.Required ? $"{PostgresServer.RequireVariable} is set, so PostgreSQL tests must run. " : "") + PostgresServer.MissingReason);
        Name = $"portal_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name }.ConnectionString;
        try
        {
            Execute($"CREATE DATABASE \"{Name}\"");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException($"The PostgreSQL server of {PostgresServer.Variable} ({Describe(_server)}) cannot be used: {e.Message}", e);
        }
    }

    public PortalStore Store => PortalStore.Postgres;
    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>A new open connection to this database, outside the app's pool.</summary>
    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // The app's idle pooled connections to this database; FORCE ends any that a stopped portal left behind.
        using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        try { Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)"); }
        catch (NpgsqlException) { }
    }

    /// <summary>Runs one statement on the server's maintenance database (CREATE/DROP DATABASE cannot run in the target).</summary>
    private void Execute(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server) { Pooling = false, Timeout = 10 };
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string Describe(string server)
    {
        var b = new NpgsqlConnectionStringBuilder(server);
        return $"{b.Host}:{b.Port}, user {b.Username}";
    }
}
