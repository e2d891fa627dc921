using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace StreamPortal.Data;

/// <summary>The SQLite connection string, and raw connections with the portal's pragmas for the ingest writer.</summary>
public sealed class StorageConnection(IOptions<StorageOptions> options, IHostEnvironment? environment = null)
{
    /// <summary>A relative file name is taken relative to the app's content root, not the shell's current folder.</summary>
    public string ConnectionString { get; } = Resolve(options.Value.Portal, environment?.ContentRootPath ?? AppContext.BaseDirectory);

    /// <param name="pooled">
    /// false for a connection whose settings must not reach the pool when it closes (the writer turns triggers off).
    /// </param>
    public SqliteConnection Open(SynchronousMode synchronous = SynchronousMode.Normal, bool pooled = true)
    {
        var connection = new SqliteConnection(pooled
            ? ConnectionString
            : new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = SqlitePragmas.Synchronous(synchronous);
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
