using Microsoft.Data.Sqlite;

namespace StreamPortal.Search;

/// <summary>
/// Where the search index lives: a SQLite file of its own beside the database (<c>&lt;database&gt;.search</c>), so that
/// the indexer's writes take that file's lock, never the main file's (which the hook writer holds for every batch).
/// Derived data: a missing or corrupt file is rebuilt from Events, and backups leave it out.
/// </summary>
public static class SearchIndexFile
{
    public const string Suffix = ".search";

    /// <summary>The index file of a SQLite database, or null for an in-memory one (its searches scan).</summary>
    public static string? PathFor(string? sqliteConnectionString)
    {
        if (string.IsNullOrEmpty(sqliteConnectionString)) return null;
        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:" ||
            source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return null;
        return source + Suffix;
    }

    /// <summary>
    /// A connection to the index file. Not pooled: after a rebuild the file is a new one, and a pooled connection would
    /// go on reading the deleted one.
    /// </summary>
    public static SqliteConnection Open(string path, bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        // WAL: queries read while the indexer writes. NORMAL: a crash may lose the last passes, which are indexed again.
        cmd.CommandText = readOnly ? "PRAGMA busy_timeout=2000;" : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
        cmd.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Opens the file for the indexer with its tables made, as this build lays them out: a file of another format
    /// (<see cref="SearchIndexSql.Format"/>) is deleted first, to be built again from Events.
    /// </summary>
    /// <param name="replaced">true when a file of another format was deleted.</param>
    public static SqliteConnection OpenForWriting(string path, out bool replaced)
    {
        var connection = Open(path, readOnly: false);
        try
        {
            replaced = false;
            if (SearchCommands.Scalar(connection, "SELECT count(*) FROM sqlite_master") > 0 && !IsCurrent(connection))
            {
                connection.Dispose();
                Delete(path);
                connection = Open(path, readOnly: false);
                replaced = true;
            }
            // One transaction: a query that opens the file between the tables and the version would take a file being
            // made for one of another format, and scan.
            using (var tx = connection.BeginTransaction(deferred: false))
            {
                SearchCommands.Exec(connection, SearchIndexSql.Create, tx);
                SearchCommands.Exec(connection, $"PRAGMA user_version = {SearchIndexSql.Format}", tx);
                tx.Commit();
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Whether the file is laid out as this build reads it (a query on another format scans).</summary>
    public static bool IsCurrent(SqliteConnection connection) =>
        SearchCommands.Scalar(connection, "PRAGMA user_version") == SearchIndexSql.Format;

    /// <summary>Deletes the index file and its WAL (before a rebuild).</summary>
    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
