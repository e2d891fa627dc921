using StreamPortal.Data.Entities;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// The writer sets a stream's or session's indexed columns only when they changed: SQLite rewrites an index entry
/// whenever an UPDATE sets its column, so an upsert of a row dirties a page per index even when nothing indexed moved.
/// Run on a migrated SQLite file through the writer's own statements.
/// </summary>
public sealed class RowWriteTests : IAsyncLifetime
{
    private WriterDatabase _database = null!;
    private BatchCommands _commands = null!;
    private ProjectedRows _rows = null!;

    public async Task InitializeAsync()
    {
        _database = await WriterDatabase.CreateAsync();
        (_commands, _rows) = (_database.Commands, _database.Rows);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("Streams")]
    [InlineData("Sessions")]
    public void The_indexed_columns_are_the_schemas_indexed_columns(string table)
    {
        var expected = (table == "Streams" ? _rows.Stream.Indexed.Select(c => c.Name) : _rows.Session.Indexed.Select(c => c.Name)).ToArray();
        Assert.Equal(table == "Streams" ? ["AppKey", "FirstSeenMs", "Name", "Published", "SessionId", "Status"] : ["AppKey", "FirstSeenMs", "Status"], expected.Order());
        var indexed = Query($"""
            SELECT DISTINCT i.name FROM pragma_index_list('{table}') l, pragma_index_info(l.name) i WHERE l.origin <> 'pk'
            """).Select(r => (string)r[0]!).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), indexed);
    }

    [Fact]
    public void An_unindexed_write_stores_the_row_and_writes_only_its_page()
    {
        var stream = NewStream();
        Write(() => _commands.Streams.Write(stream, RowWrite.Upsert));
        stream.LastSeenMs = 2_000;
        stream.EventCount = 7;
        stream.Bitrate = 1_500_000;

        var unindexed = Write(() => _commands.Streams.Write(stream, RowWrite.Unindexed));
        stream.LastSeenMs = 3_000;
        var upsert = Write(() => _commands.Streams.Write(stream, RowWrite.Upsert));

        Assert.Equal(1, unindexed);
        Assert.Equal(1 + IndexCount("Streams"), upsert);
        var stored = _commands.Streams.Load(stream.MediaSessionId)!;
        Assert.Equal((3_000L, 7, 1_500_000L, "PUBLISHING", "cam"), (stored.LastSeenMs, stored.EventCount, stored.Bitrate, stored.Status, stored.Name));
    }

    [Fact]
    public void A_status_write_moves_the_status_index_entries_and_leaves_the_others()
    {
        var session = new ClientSession { SessionId = "s1", AppKey = "app", Status = "ESTABLISHED", FirstSeenMs = 1_000, LastSeenMs = 1_000 };
        Write(() => _commands.Sessions.Write(session, RowWrite.Upsert));
        session.Status = "DISCONNECTED";
        session.DisconnectedAtMs = 5_000;

        var pages = Write(() => _commands.Sessions.Write(session, RowWrite.UnindexedAndStatus));

        Assert.Equal(2, pages);
        Assert.Equal([["s1", 5_000L]], Query("SELECT SessionId, DisconnectedAtMs FROM Sessions INDEXED BY IX_Sessions_Status WHERE Status = 'DISCONNECTED'"));
        Assert.Empty(Query("SELECT SessionId FROM Sessions INDEXED BY IX_Sessions_Status WHERE Status = 'ESTABLISHED'"));
    }

    [Fact]
    public void A_row_gone_from_the_table_is_written_whole_again()
    {
        var stream = NewStream();
        Write(() => _commands.Streams.Write(stream, RowWrite.Upsert));
        Query("DELETE FROM Streams");
        stream.EventCount = 3;

        Write(() => _commands.Streams.Write(stream, RowWrite.Unindexed));

        Assert.Equal([["m1", "cam", 3L]], Query("SELECT MediaSessionId, Name, EventCount FROM Streams"));
    }

    [Theory]
    [InlineData(false, "cam", "PUBLISHING", nameof(RowWrite.Upsert))]
    [InlineData(true, "cam", "PUBLISHING", nameof(RowWrite.Unindexed))]
    [InlineData(true, "cam", "UNPUBLISHED", nameof(RowWrite.UnindexedAndStatus))]
    [InlineData(true, "renamed", "PUBLISHING", nameof(RowWrite.Upsert))]
    [InlineData(true, "renamed", "UNPUBLISHED", nameof(RowWrite.Upsert))]
    public void The_write_follows_what_changed_since_the_row_was_stored(bool stored, string name, string status, string expected)
    {
        var shape = _rows.Stream;
        var stream = NewStream();
        var values = shape.NewStoredValues();
        shape.Remember(stream, values);
        // Unindexed columns change with every hook and never call for more than the row's own page.
        (stream.Name, stream.Status, stream.LastSeenMs, stream.EventCount, stream.Info) = (name, status, 9_000, 9, "moved");
        Assert.Equal(Enum.Parse<RowWrite>(expected), shape.Choose(stream, values, stored));
    }

    [Fact]
    public void An_equal_string_in_a_new_instance_is_no_change()
    {
        var shape = _rows.Stream;
        var stream = NewStream();
        var values = shape.NewStoredValues();
        shape.Remember(stream, values);
        stream.Name = new string("cam".AsSpan());
        Assert.Equal(RowWrite.Unindexed, shape.Choose(stream, values, isStored: true));
    }

    private static StreamInstance NewStream() => new()
    {
        MediaSessionId = "m1", Name = "cam", SessionId = "s1", AppKey = "app", Status = "PUBLISHING", FirstSeenMs = 1_000, LastSeenMs = 1_000,
    };

    /// <returns>The pages the transaction wrote.</returns>
    private int Write(Action write)
    {
        _commands.TakePagesWritten();
        _commands.Begin();
        write();
        _commands.Commit();
        return _commands.TakePagesWritten();
    }

    private int IndexCount(string table) =>
        Query($"SELECT COUNT(*) FROM pragma_index_list('{table}') WHERE origin <> 'pk'").Select(r => (int)(long)r[0]!).Single();

    private List<object?[]> Query(string sql) => _database.Query(sql);
}
