using Microsoft.Data.Sqlite;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// The background checkpoint copies every frame back, so that the writer's next commit starts the WAL over instead
/// of growing it to the backstop (whose checkpoint would then stall the writer). On a real SQLite file.
/// </summary>
public sealed class WalCheckpointTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "streamportal-tests", $"wal-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _checkpointer;

    public WalCheckpointTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _writer = Open();
        Exec(_writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t(x TEXT);");
        _checkpointer = Open();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _checkpointer.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(f);
    }

    [Fact]
    public void After_a_checkpoint_the_next_commit_starts_the_wal_over()
    {
        for (var i = 0; i < 50; i++) Exec(_writer, $"INSERT INTO t VALUES (hex(randomblob(3000)))");
        var before = WalFrames();

        using (var checkpoint = _checkpointer.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            StorageMaintenance.Checkpoint(checkpoint);
        }
        Exec(_writer, "INSERT INTO t VALUES ('one more')");

        Assert.True(before > 50, $"the inserts wrote {before} frames");
        // Restarted: only the last commit's frames are in the WAL (without the restart: before + those).
        Assert.InRange(WalFrames(), 1u, 5u);
        Assert.Equal(51L, Scalar(_checkpointer, "SELECT COUNT(*) FROM t"));
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection($"Data Source={_path};Pooling=False");
        c.Open();
        return c;
    }

    /// <summary>
    /// The WAL's last valid frame (mxFrame, bytes 16-19 of the WAL index in the -shm file, native byte order; see
    /// SQLite's "WAL-mode file format"). Read from the file, as asking SQLite through a checkpoint would copy frames.
    /// </summary>
    private uint WalFrames()
    {
        using var shm = new FileStream(_path + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> header = stackalloc byte[20];
        shm.ReadExactly(header);
        return BitConverter.ToUInt32(header[16..]);
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }
}
