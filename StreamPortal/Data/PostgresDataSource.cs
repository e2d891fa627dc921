using Npgsql;

namespace StreamPortal.Data;

/// <summary>
/// The PostgreSQL connection pool shared by EF and the ingest writer, made on first use (only when the store is
/// PostgreSQL). synchronous_commit is forced on for every connection: a hook is answered only after its commit is
/// durable, whatever the server's default says. The ingest writer has a source of its own (<see cref="Writer"/>): its
/// one long-lived connection prepares its statements, which the pool's short EF uses gain little from.
/// </summary>
public sealed class PostgresDataSource(StorageConnection storage) : IDisposable, IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() => Build(storage.ConnectionString));
    private readonly Lazy<NpgsqlDataSource> _writer = new(() => Build(storage.ConnectionString, forWriter: true));

    public NpgsqlDataSource Source => _source.Value;

    /// <summary>The ingest writer's connections: statements prepared on the server after their second use.</summary>
    public NpgsqlDataSource Writer => _writer.Value;

    public string Database => new NpgsqlConnectionStringBuilder(storage.ConnectionString).Database!;

    internal static NpgsqlDataSource Build(string connectionString, bool forWriter = false)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Options = AppendOption(builder.ConnectionStringBuilder.Options, "-c synchronous_commit=on");
        // The writer sends the same dozen statement texts every batch: prepared, the server skips parsing and planning
        // them (unless the connection string says otherwise).
        if (forWriter && builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
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
        if (_writer.IsValueCreated) _writer.Value.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_source.IsValueCreated) await _source.Value.DisposeAsync();
        if (_writer.IsValueCreated) await _writer.Value.DisposeAsync();
    }
}
