using Microsoft.Data.Sqlite;

namespace StreamPortal.Data;

/// <summary>The SQLite connection string, and raw connections with the portal's pragmas for the ingest writer.</summary>
public sealed class StorageConnection(IConfiguration configuration)
{
    public const string DefaultConnectionString = "Data Source=streamportal.db";

    public string ConnectionString { get; } = configuration.GetConnectionString("Portal") ?? DefaultConnectionString;

    public SqliteConnection Open(string synchronous = "NORMAL")
    {
        if (synchronous is not ("NORMAL" or "FULL"))
            throw new InvalidOperationException($"StreamPortal:Ingest:Synchronous must be NORMAL or FULL, not '{synchronous}'.");
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA synchronous={synchronous};";
        cmd.ExecuteNonQuery();
        return connection;
    }
}
