using Npgsql;

namespace StreamPortal.Data;

/// <summary>
/// The PostgreSQL connection pool shared by EF and the ingest writer, made on first use (only when the store is
/// PostgreSQL). synchronous_commit is forced on for every connection: a hook is answered only after its commit is
/// durable, whatever the server's default says.
/// </summary>
public sealed class PostgresDataSource(StorageConnection storage) : IDisposable, IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() => Build(storage.ConnectionString));

    public NpgsqlDataSource Source => _source.Value;

    public string Database => new NpgsqlConnectionStringBuilder(storage.ConnectionString).Database!;

    internal static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Options = AppendOption(builder.ConnectionStringBuilder.Options, "-c synchronous_commit=on");
        return builder.Build();
    }

    /// <summary>The connection string of the server's maintenance database, for creating the portal's database.</summary>
    internal static string Maintenance(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString();

    private static string AppendOption(string? options, string option) =>
        string.IsNullOrWhiteSpace(options) ? option : options + " " + option;

    public void Dispose()
    {
        if (_source.IsValueCreated) _source.Value.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_source.IsValueCreated) await _source.Value.DisposeAsync();
    }
}
