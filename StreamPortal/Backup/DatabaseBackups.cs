using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamPortal.Data;

namespace StreamPortal.Backup;

/// <summary>
/// Online backups of the live database with VACUUM INTO: it reads one consistent snapshot (a read transaction, which
/// in WAL mode never blocks the writer) and writes a compact, self-contained file, so hooks keep flowing meanwhile.
/// A backup is restored by pointing ConnectionStrings:Portal at the file. On PostgreSQL the server's own tools make
/// backups (pg_dump, see docs/postgresql.md): <see cref="CreateAsync"/> refuses and the list is empty.
/// </summary>
public sealed class DatabaseBackups(StorageConnection storage, IOptions<BackupOptions> options, TimeProvider time, ILogger<DatabaseBackups> logger)
{
    private const string Extension = ".db";
    private const string Prefix = "streamportal-";

    // One at a time: two snapshots at once would only double the disk traffic.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Folder { get; } = storage.IsPostgres ? options.Value.Folder : ResolveFolder(storage.ConnectionString, options.Value.Folder);

    /// <summary>Whether the portal makes backups itself (SQLite); PostgreSQL's are made with pg_dump.</summary>
    public bool IsSupported => !storage.IsPostgres;

    public async Task<BackupFile> CreateAsync(CancellationToken ct)
    {
        if (!IsSupported) throw new NotSupportedException(PostgresAdvice);
        await _gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(Folder);
            var at = time.GetUtcNow();
            var name = Prefix + at.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + Extension;
            var path = Path.Combine(Folder, name);
            var partial = path + ".partial";
            File.Delete(partial);
            await using (var connection = new SqliteConnection(storage.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = "VACUUM INTO $path";
                cmd.Parameters.AddWithValue("$path", partial);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await UseWalAsync(partial, ct);
            // Renamed only when complete: the list never shows a half-written file.
            File.Move(partial, path);
            logger.LogInformation("Backup {File} written.", name);
            return new BackupFile(name, new FileInfo(path).Length, at);
        }
        finally { _gate.Release(); }
    }

    /// <summary>
    /// VACUUM INTO writes a rollback-journal database; the portal's connections expect WAL (EF opens a read-only
    /// connection at start, which cannot switch the mode), so the copy is switched here and starts like the original.
    /// </summary>
    private static async Task UseWalAsync(string path, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public const string PostgresAdvice =
        "The store is PostgreSQL: back it up with the server's tools (pg_dump, or continuous archiving); see docs/postgresql.md.";

    /// <summary>The backups in the folder, newest first.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!IsSupported || !Directory.Exists(Folder)) return [];
        return new DirectoryInfo(Folder).EnumerateFiles(Prefix + "*" + Extension)
            .Select(f => new BackupFile(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
            .OrderByDescending(f => f.FileName, StringComparer.Ordinal)
            .ToList();
    }

    private static string ResolveFolder(string connectionString, string folder)
    {
        if (Path.IsPathRooted(folder)) return folder;
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var databaseFolder = Path.GetDirectoryName(Path.GetFullPath(database)) ?? AppContext.BaseDirectory;
        return Path.Combine(databaseFolder, folder);
    }
}
