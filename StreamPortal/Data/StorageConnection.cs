using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace StreamPortal.Data;

/// <summary>
/// The configured store and its connection string; raw SQLite connections with the portal's pragmas for the ingest
/// writer and the SQLite-only housekeeping (PostgreSQL connections come from <see cref="PostgresDataSource"/>).
/// </summary>
public sealed class StorageConnection(IOptions<StorageOptions> options, IHostEnvironment? environment = null)
{
    public StorageProvider Provider { get; } = options.Value.Store;

    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>SQLite: a relative file name is taken relative to the app's content root, not the shell's current folder.</summary>
    public string ConnectionString { get; } = options.Value.Store == StorageProvider.Sqlite
        ? Resolve(options.Value.Portal, environment?.ContentRootPath ?? AppContext.BaseDirectory)
        : options.Value.Portal;

    public SqliteConnection Open(SynchronousMode synchronous = SynchronousMode.Normal)
    {
        if (IsPostgres) throw new InvalidOperationException("A SQLite connection was asked for, but the store is PostgreSQL.");
        var connection = new SqliteConnection(ConnectionString);
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
