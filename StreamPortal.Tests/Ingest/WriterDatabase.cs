using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>A migrated SQLite file in WAL mode with the writer's statements prepared on a connection of its own, as the writer has them.</summary>
internal sealed class WriterDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "streamportal-tests", $"rows-{Guid.NewGuid():N}.db");

    private WriterDatabase() => Options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={_path}").Options;

    public DbContextOptions<PortalDbContext> Options { get; }
    public SqliteConnection Connection { get; private set; } = null!;
    public ProjectedRows Rows { get; private set; } = null!;
    public BatchCommands Commands { get; private set; } = null!;

    public static async Task<WriterDatabase> CreateAsync()
    {
        var database = new WriterDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(database._path)!);
        await using (var db = database.NewContext())
        {
            await db.Database.MigrateAsync();
            database.Rows = ProjectedRows.From(db.Model);
        }
        database.Connection = new SqliteConnection($"Data Source={database._path}");
        await database.Connection.OpenAsync();
        database.Query("PRAGMA journal_mode=WAL");
        database.Commands = new BatchCommands(database.Connection, database.Rows);
        return database;
    }

    public PortalDbContext NewContext() => new(Options);

    public List<object?[]> Query(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Commands?.Dispose();
        if (Connection is not null) await Connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(f);
    }
}
