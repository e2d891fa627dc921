using Microsoft.Data.Sqlite;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's statements, prepared once on its connection (see <see cref="RawStatement"/>). Each method binds
/// every parameter of its statement, by position, in the order the SQL names them; the stream and session rows'
/// statements follow their <see cref="RowShape{TRow}"/>.
/// </summary>
internal sealed class BatchCommands : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly RawStatement _insertEvent;
    private readonly RawStatement _endSessionStreams;
    private readonly RawStatement _countRuleHit;
    private readonly RawStatement _selectKey;
    private readonly RawStatement _insertKey;
    private readonly RawStatement _markAnswerNotDelivered;
    private readonly int[] _eventSlots;

    public BatchCommands(SqliteConnection connection, ProjectedRows rows)
    {
        _connection = connection;
        // Prepared once: SqliteTransaction prepares BEGIN and COMMIT commands anew for every transaction, which at
        // one hook per transaction was about a tenth of the writer's allocations.
        _begin = new RawStatement(connection, "BEGIN IMMEDIATE");
        _commit = new RawStatement(connection, "COMMIT");
        _rollback = new RawStatement(connection, "ROLLBACK");
        _insertEvent = new RawStatement(connection, ProjectionSql.InsertEvent);
        Streams = new RowStatements<StreamInstance>(connection, rows.Stream);
        Sessions = new RowStatements<ClientSession>(connection, rows.Session);
        _endSessionStreams = new RawStatement(connection, ProjectionSql.EndSessionStreams);
        _countRuleHit = new RawStatement(connection, ProjectionSql.CountRuleHit);
        _selectKey = new RawStatement(connection, ProjectionSql.SelectKey);
        _insertKey = new RawStatement(connection, ProjectionSql.InsertKey);
        _markAnswerNotDelivered = new RawStatement(connection, ProjectionSql.MarkAnswerNotDelivered);
        _eventSlots = _insertEvent.SlotsFor(ProjectionSql.EventColumns.Select(c => "$" + c));
    }

    public RowStatements<StreamInstance> Streams { get; }

    public RowStatements<ClientSession> Sessions { get; }

    public void Begin() => _begin.Execute();

    public void Commit() => _commit.Execute();

    /// <summary>After a failure: SQLite may already have rolled the transaction back by itself (e.g. disk full).</summary>
    public void RollBackIfOpen()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle!) == 0) _rollback.Execute();
    }

    /// <summary>Binds the event's columns in <see cref="ProjectionSql.EventColumns"/> order.</summary>
    /// <returns>The new event's id.</returns>
    public long InsertEvent(HookEvent e, byte[] rawBody, EventKeyCache keys)
    {
        var sessionKey = keys.Resolve(e.SessionId, this);
        var mediaSessionKey = keys.Resolve(e.MediaSessionId, this);
        var nameKey = keys.Resolve(e.Name, this);
        var parameters = new SqliteEventParameters(_insertEvent, _eventSlots);
        EventParameters.Bind(ref parameters, e, rawBody, sessionKey, mediaSessionKey, nameKey);
        var s = _insertEvent;
        s.Execute();
        return s.LastInsertRowId;
    }

    /// <returns>The mediaSessionIds of the streams it ended.</returns>
    public List<string> EndSessionStreams(string sessionId, long eventId, long now)
    {
        var s = _endSessionStreams;
        s.Text(s.Slot("$sessionId"), sessionId);
        s.Int(s.Slot("$eventId"), eventId);
        s.Int(s.Slot("$now"), now);
        var ended = new List<string>();
        try
        {
            while (s.Step()) ended.Add(s.ColumnText(0)!);
        }
        finally
        {
            s.Reset();
        }
        return ended;
    }

    public void MarkAnswerNotDelivered(long eventId)
    {
        var s = _markAnswerNotDelivered;
        s.Int(s.Slot("$id"), eventId);
        s.Execute();
    }

    public void CountRuleHit(long ruleId, long now)
    {
        var s = _countRuleHit;
        s.Int(s.Slot("$ruleId"), ruleId);
        s.Int(s.Slot("$now"), now);
        s.Execute();
    }

    public long? FindKey(string value)
    {
        var s = _selectKey;
        s.Text(s.Slot("$value"), value);
        try
        {
            return s.Step() ? s.ColumnInt(0) : null;
        }
        finally
        {
            s.Reset();
        }
    }

    /// <returns>The new key.</returns>
    public long AddKey(string value)
    {
        var s = _insertKey;
        s.Text(s.Slot("$value"), value);
        s.Execute();
        return s.LastInsertRowId;
    }

    /// <summary>Pages written to the WAL since the last call (SQLite's per-connection count, reset here).</summary>
    public int TakePagesWritten()
    {
        SQLitePCL.raw.sqlite3_db_status(_connection.Handle!, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        return pages;
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _insertEvent.Dispose();
        Streams.Dispose();
        Sessions.Dispose();
        _endSessionStreams.Dispose();
        _countRuleHit.Dispose();
        _selectKey.Dispose();
        _insertKey.Dispose();
        _markAnswerNotDelivered.Dispose();
    }
}
