using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>A migrated SQLite file in WAL mode with the writer's statements prepared on a connection of its own, as the writer has them.</summary>
internal sealed class WriterDatabase : IAsyncDisposable
{
    private readonly TempDatabase _file = new();

    private WriterDatabase() => Options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(_file.ConnectionString).Options;

    public DbContextOptions<PortalDbContext> Options { get; }
    public SqliteConnection Connection { get; private set; } = null!;
    public ProjectedRows Rows { get; private set; } = null!;
    public BatchCommands Commands { get; private set; } = null!;

    public static async Task<WriterDatabase> CreateAsync()
    {
        var database = new WriterDatabase();
        await using (var db = database.NewContext())
        {
            await db.Database.MigrateAsync();
            database.Rows = ProjectedRows.From(db.Model);
        }
        database.Connection = new SqliteConnection(database._file.ConnectionString);
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
        _file.Dispose();
    }
}
