using Microsoft.Data.Sqlite;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's statements, prepared once on its connection (see <see cref="RawStatement"/>). Each method binds
/// every parameter of its statement, by position, in the order the SQL names them.
/// </summary>
internal sealed class BatchCommands : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly RawStatement _insertEvent;
    private readonly RawStatement _selectStream;
    private readonly RowStatements _writeStream;
    private readonly RawStatement _selectSession;
    private readonly RowStatements _writeSession;
    private readonly RawStatement _endSessionStreams;
    private readonly RawStatement _countRuleHit;
    private readonly RawStatement _selectKey;
    private readonly RawStatement _insertKey;
    private readonly int[] _eventSlots;

    public BatchCommands(SqliteConnection connection)
    {
        _connection = connection;
        // Prepared once: SqliteTransaction prepares BEGIN and COMMIT commands anew for every transaction, which at
        // one hook per transaction was about a tenth of the writer's allocations.
        _begin = new RawStatement(connection, "BEGIN IMMEDIATE");
        _commit = new RawStatement(connection, "COMMIT");
        _rollback = new RawStatement(connection, "ROLLBACK");
        _insertEvent = new RawStatement(connection, ProjectionSql.InsertEvent);
        _selectStream = new RawStatement(connection, ProjectionSql.SelectStream);
        _writeStream = new RowStatements(connection, ProjectionSql.StreamColumns,
            ProjectionSql.WriteStream, ProjectionSql.UpdateStreamUnindexed, ProjectionSql.UpdateStreamWithStatus);
        _selectSession = new RawStatement(connection, ProjectionSql.SelectSession);
        _writeSession = new RowStatements(connection, ProjectionSql.SessionColumns,
            ProjectionSql.WriteSession, ProjectionSql.UpdateSessionUnindexed, ProjectionSql.UpdateSessionWithStatus);
        _endSessionStreams = new RawStatement(connection, ProjectionSql.EndSessionStreams);
        _countRuleHit = new RawStatement(connection, ProjectionSql.CountRuleHit);
        _selectKey = new RawStatement(connection, ProjectionSql.SelectKey);
        _insertKey = new RawStatement(connection, ProjectionSql.InsertKey);
        _eventSlots = _insertEvent.SlotsFor([
            "$receivedAt", "$app", "$method", "$kind", "$nodeId", "$appKey", "$sessionId", "$mediaSessionId", "$name",
            "$sessionKey", "$mediaSessionKey", "$nameKey", "$status", "$info", "$published", "$body", "$bodyEncoding",
            "$headers", "$remote", "$answerStatus", "$answerBody", "$ruleId", "$ruleName", "$delayMs", "$latencyMs", "$rejected", "$rejectReason"]);
    }

    public void Begin() => _begin.Execute();

    public void Commit() => _commit.Execute();

    /// <summary>After a failure: SQLite may already have rolled the transaction back by itself (e.g. disk full).</summary>
    public void RollBackIfOpen()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle!) == 0) _rollback.Execute();
    }

    /// <returns>The new event's id.</returns>
    public long InsertEvent(HookEvent e, byte[] rawBody, EventKeyCache keys)
    {
        var sessionKey = keys.Resolve(e.SessionId, this);
        var mediaSessionKey = keys.Resolve(e.MediaSessionId, this);
        var nameKey = keys.Resolve(e.Name, this);
        var s = _insertEvent;
        var p = _eventSlots;
        var i = 0;
        s.Int(p[i++], e.ReceivedAtMs);
        s.Text(p[i++], e.App);
        s.Text(p[i++], e.Method);
        s.Int(p[i++], (int)e.Kind);
        s.Text(p[i++], e.NodeId);
        s.Text(p[i++], e.AppKey);
        s.Text(p[i++], e.SessionId);
        s.Text(p[i++], e.MediaSessionId);
        s.Text(p[i++], e.Name);
        s.Int(p[i++], sessionKey);
        s.Int(p[i++], mediaSessionKey);
        s.Int(p[i++], nameKey);
        s.Text(p[i++], e.Status);
        s.Text(p[i++], e.Info);
        s.Bool(p[i++], e.Published);
        // A UTF-8 body goes in as its bytes (the SQL casts them to TEXT); a non-UTF-8 one as its base64 text.
        if (e.Body is not null) s.Text(p[i++], e.Body);
        else s.Blob(p[i++], rawBody);
        s.Text(p[i++], e.BodyEncoding);
        s.Text(p[i++], e.Headers);
        s.Text(p[i++], e.RemoteAddress);
        s.Int(p[i++], e.AnswerStatus);
        s.Text(p[i++], e.AnswerBody);
        s.Int(p[i++], e.RuleId);
        s.Text(p[i++], e.RuleName);
        s.Int(p[i++], e.DelayMs);
        s.Double(p[i++], e.LatencyMs);
        s.Bool(p[i++], e.Rejected);
        s.Text(p[i], e.RejectReason);
        s.Execute();
        return s.LastInsertRowId;
    }

    public StreamInstance? LoadStream(string mediaSessionId)
    {
        var s = _selectStream;
        s.Text(s.Slot("$id"), mediaSessionId);
        try
        {
            if (!s.Step()) return null;
            return new StreamInstance
            {
                MediaSessionId = s.ColumnText(0)!,
                Name = s.ColumnText(1),
                SessionId = s.ColumnText(2),
                AppKey = s.ColumnText(3),
                NodeId = s.ColumnText(4),
                Published = s.ColumnBoolOrNull(5),
                Status = s.ColumnText(6),
                Info = s.ColumnText(7),
                MediaProvider = s.ColumnText(8),
                HasAudio = s.ColumnBoolOrNull(9),
                HasVideo = s.ColumnBoolOrNull(10),
                Record = s.ColumnBoolOrNull(11),
                Width = (int?)s.ColumnIntOrNull(12),
                Height = (int?)s.ColumnIntOrNull(13),
                Bitrate = s.ColumnIntOrNull(14),
                AudioCodec = s.ColumnText(15),
                VideoCodec = s.ColumnText(16),
                FirstSeenMs = s.ColumnInt(17),
                LastSeenMs = s.ColumnInt(18),
                LastEventId = s.ColumnInt(19),
                EventCount = (int)s.ColumnInt(20),
                EndedWithSession = s.ColumnInt(21) != 0,
                EndedByEventId = s.ColumnIntOrNull(22),
            };
        }
        finally
        {
            s.Reset();
        }
    }

    /// <summary>Binds the row's columns in <see cref="ProjectionSql.StreamColumns"/> order; the statement takes those it sets.</summary>
    public void WriteStream(StreamInstance r, RowWrite how)
    {
        var (s, p) = _writeStream.For(how);
        var i = 0;
        s.Text(p[i++], r.MediaSessionId);
        s.Text(p[i++], r.Name);
        s.Text(p[i++], r.SessionId);
        s.Text(p[i++], r.AppKey);
        s.Text(p[i++], r.NodeId);
        s.Bool(p[i++], r.Published);
        s.Text(p[i++], r.Status);
        s.Text(p[i++], r.Info);
        s.Text(p[i++], r.MediaProvider);
        s.Bool(p[i++], r.HasAudio);
        s.Bool(p[i++], r.HasVideo);
        s.Bool(p[i++], r.Record);
        s.Int(p[i++], r.Width);
        s.Int(p[i++], r.Height);
        s.Int(p[i++], r.Bitrate);
        s.Text(p[i++], r.AudioCodec);
        s.Text(p[i++], r.VideoCodec);
        s.Int(p[i++], r.FirstSeenMs);
        s.Int(p[i++], r.LastSeenMs);
        s.Int(p[i++], r.LastEventId);
        s.Int(p[i++], r.EventCount);
        s.Bool(p[i++], r.EndedWithSession);
        s.Int(p[i], r.EndedByEventId);
        s.Execute();
        // A row gone from under the cache (nothing else deletes them today) is written whole again, not lost.
        if (how != RowWrite.Upsert && s.Changes == 0) WriteStream(r, RowWrite.Upsert);
    }

    public ClientSession? LoadSession(string sessionId)
    {
        var s = _selectSession;
        s.Text(s.Slot("$id"), sessionId);
        try
        {
            if (!s.Step()) return null;
            return new ClientSession
            {
                SessionId = s.ColumnText(0)!,
                AppKey = s.ColumnText(1),
                NodeId = s.ColumnText(2),
                Status = s.ColumnText(3),
                Origin = s.ColumnText(4),
                ClientVersion = s.ColumnText(5),
                ClientOsVersion = s.ColumnText(6),
                ClientBrowserVersion = s.ColumnText(7),
                MediaProviders = s.ColumnText(8),
                Custom = s.ColumnText(9),
                Login = s.ColumnText(10),
                RestClientConfig = s.ColumnText(11),
                ConnectedAtMs = s.ColumnIntOrNull(12),
                DisconnectedAtMs = s.ColumnIntOrNull(13),
                FirstSeenMs = s.ColumnInt(14),
                LastSeenMs = s.ColumnInt(15),
                EventCount = (int)s.ColumnInt(16),
            };
        }
        finally
        {
            s.Reset();
        }
    }

    /// <summary>Binds the row's columns in <see cref="ProjectionSql.SessionColumns"/> order; the statement takes those it sets.</summary>
    public void WriteSession(ClientSession r, RowWrite how)
    {
        var (s, p) = _writeSession.For(how);
        var i = 0;
        s.Text(p[i++], r.SessionId);
        s.Text(p[i++], r.AppKey);
        s.Text(p[i++], r.NodeId);
        s.Text(p[i++], r.Status);
        s.Text(p[i++], r.Origin);
        s.Text(p[i++], r.ClientVersion);
        s.Text(p[i++], r.ClientOsVersion);
        s.Text(p[i++], r.ClientBrowserVersion);
        s.Text(p[i++], r.MediaProviders);
        s.Text(p[i++], r.Custom);
        s.Text(p[i++], r.Login);
        s.Text(p[i++], r.RestClientConfig);
        s.Int(p[i++], r.ConnectedAtMs);
        s.Int(p[i++], r.DisconnectedAtMs);
        s.Int(p[i++], r.FirstSeenMs);
        s.Int(p[i++], r.LastSeenMs);
        s.Int(p[i], r.EventCount);
        s.Execute();
        // A row gone from under the cache (nothing else deletes them today) is written whole again, not lost.
        if (how != RowWrite.Upsert && s.Changes == 0) WriteSession(r, RowWrite.Upsert);
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
        _selectStream.Dispose();
        _writeStream.Dispose();
        _selectSession.Dispose();
        _writeSession.Dispose();
        _endSessionStreams.Dispose();
        _countRuleHit.Dispose();
        _selectKey.Dispose();
        _insertKey.Dispose();
    }
}
