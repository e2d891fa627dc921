using Microsoft.Data.Sqlite;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// The minute's statistics check re-analyzes a table that has grown manyfold since its last ANALYZE (a fresh database
/// analyzed at start after its first hooks was otherwise planned as "a few rows" for an hour, and searches scanned
/// Events), and leaves a table that has not. On a real SQLite file.
/// </summary>
public sealed class StatisticsRefreshTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SqliteConnection _connection;

    public StatisticsRefreshTests()
    {
        _connection = _database.Open();
        Exec("CREATE TABLE grows(id INTEGER PRIMARY KEY, k TEXT); CREATE INDEX ix_grows ON grows(k);");
        Exec("CREATE TABLE stays(id INTEGER PRIMARY KEY, k TEXT); CREATE INDEX ix_stays ON stays(k);");
        Insert("grows", 32);
        Insert("stays", 500);
        Exec("PRAGMA analysis_limit=1000; ANALYZE;");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void A_table_grown_manyfold_since_its_last_analyze_is_analyzed_again_and_one_that_did_not_is_left()
    {
        Insert("grows", 5000);
        Insert("stays", 10);
        Assert.Equal(32, RowsRecorded("ix_grows"));

        Exec(StorageMaintenance.RefreshGrownStatistics);

        Assert.Equal(5032, RowsRecorded("ix_grows"));
        Assert.Equal(500, RowsRecorded("ix_stays"));
    }

    /// <summary>The row count the planner believes: sqlite_stat1's first figure for the index.</summary>
    private long RowsRecorded(string index)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT stat FROM sqlite_stat1 WHERE idx = $idx";
        cmd.Parameters.AddWithValue("$idx", index);
        return long.Parse(((string)cmd.ExecuteScalar()!).Split(' ')[0]);
    }

    private void Insert(string table, int rows) =>
        Exec($"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) INSERT INTO {table}(k) SELECT hex(randomblob(4)) FROM n;");

    private void Exec(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
