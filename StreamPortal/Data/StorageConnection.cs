using Microsoft.Data.Sqlite;

namespace StreamPortal.Data;

/// <summary>The SQLite connection string, and raw connections with the portal's pragmas for the ingest writer.</summary>
public sealed class StorageConnection(IConfiguration configuration, IHostEnvironment? environment = null)
{
    public const string DefaultConnectionString = "Data Source=streamportal.db";

    /// <summary>A relative file name is taken relative to the app's content root, not the shell's current folder.</summary>
    public string ConnectionString { get; } = Resolve(configuration.GetConnectionString("Portal") ?? DefaultConnectionString, environment?.ContentRootPath ?? AppContext.BaseDirectory);

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

    private static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ||
            Path.IsPathRooted(source))
            return connectionString;
        builder.DataSource = Path.Combine(contentRoot, source);
        return builder.ToString();
    }
}
