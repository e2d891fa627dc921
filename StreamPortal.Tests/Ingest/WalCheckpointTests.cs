using Microsoft.Data.Sqlite;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// The background checkpoint copies every frame back, so that the writer's next commit starts the WAL over instead
/// of growing it to the backstop (whose checkpoint would then stall the writer). On a real SQLite file.
/// </summary>
public sealed class WalCheckpointTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _checkpointer;

    public WalCheckpointTests()
    {
        _writer = _database.Open();
        Exec(_writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t(x TEXT);");
        _checkpointer = _database.Open();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _checkpointer.Dispose();
        _database.Dispose();
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

    /// <summary>
    /// The WAL's last valid frame (mxFrame, bytes 16-19 of the WAL index in the -shm file, native byte order; see
    /// SQLite's "WAL-mode file format"). Read from the file, as asking SQLite through a checkpoint would copy frames.
    /// </summary>
    private uint WalFrames()
    {
        using var shm = new FileStream(_database.Path + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
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
