using Microsoft.Data.Sqlite;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// A real SQLite file in a folder of its own under the temp folder, deleted (with its -wal and -shm files) on dispose.
/// The one way tests make a database, so that none leaks a file or a pooled connection that keeps it open.
/// </summary>
public sealed class TempDatabase : ITestDatabase, IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "streamportal-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase(string fileName = "portal.db")
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, fileName);
    }

    public string Path { get; }

    public PortalStore Store => PortalStore.Sqlite;

    public string ConnectionString => $"Data Source={Path}";

    /// <summary>A new open connection to the file, without pooling (so that disposing it closes the file).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        // Pooled connections (EF's, the app's) keep the file open until their pool is cleared.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
