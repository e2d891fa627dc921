using Microsoft.Data.Sqlite;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>The writer's prepared statements: parameters are created once and only their values change per hook.</summary>
internal sealed class BatchCommands : IDisposable
{
    private readonly EventInsertStatement _insertEvent;
    private readonly PreparedStatement _selectStream;
    private readonly PreparedStatement _writeStream;
    private readonly PreparedStatement _selectSession;
    private readonly PreparedStatement _writeSession;
    private readonly PreparedStatement _endSessionStreams;
    private readonly PreparedStatement _countRuleHit;
    private readonly PreparedStatement[] _all;

    public BatchCommands(SqliteConnection connection)
    {
        _insertEvent = new EventInsertStatement(connection);
        _all =
        [
            _selectStream = new PreparedStatement(connection, ProjectionSql.SelectStream),
            _writeStream = new PreparedStatement(connection, ProjectionSql.WriteStream),
            _selectSession = new PreparedStatement(connection, ProjectionSql.SelectSession),
            _writeSession = new PreparedStatement(connection, ProjectionSql.WriteSession),
            _endSessionStreams = new PreparedStatement(connection, ProjectionSql.EndSessionStreams),
            _countRuleHit = new PreparedStatement(connection, ProjectionSql.CountRuleHit),
        ];
    }

    public void Enlist(SqliteTransaction tx)
    {
        foreach (var statement in _all) statement.Command.Transaction = tx;
    }

    /// <returns>The new event's id.</returns>
    public long InsertEvent(HookEvent e, byte[] rawBody) => _insertEvent.Insert(e, rawBody);

    public StreamInstance? LoadStream(string mediaSessionId)
    {
        _selectStream.Set("$id", mediaSessionId);
        using var r = _selectStream.Command.ExecuteReader();
        if (!r.Read()) return null;
        return new StreamInstance
        {
            MediaSessionId = r.GetString(0),
            Name = Str(r, 1),
            SessionId = Str(r, 2),
            AppKey = Str(r, 3),
            NodeId = Str(r, 4),
            Published = Bool(r, 5),
            Status = Str(r, 6),
            Info = Str(r, 7),
            MediaProvider = Str(r, 8),
            HasAudio = Bool(r, 9),
            HasVideo = Bool(r, 10),
            Record = Bool(r, 11),
            Width = r.IsDBNull(12) ? null : r.GetInt32(12),
            Height = r.IsDBNull(13) ? null : r.GetInt32(13),
            Bitrate = r.IsDBNull(14) ? null : r.GetInt64(14),
            AudioCodec = Str(r, 15),
            VideoCodec = Str(r, 16),
            FirstSeenMs = r.GetInt64(17),
            LastSeenMs = r.GetInt64(18),
            LastEventId = r.GetInt64(19),
            EventCount = r.GetInt32(20),
            EndedWithSession = r.GetBoolean(21),
            EndedByEventId = r.IsDBNull(22) ? null : r.GetInt64(22),
        };
    }

    public void WriteStream(StreamInstance s)
    {
        var p = _writeStream;
        p.Set("$mediaSessionId", s.MediaSessionId);
        p.Set("$name", s.Name);
        p.Set("$sessionId", s.SessionId);
        p.Set("$appKey", s.AppKey);
        p.Set("$nodeId", s.NodeId);
        p.Set("$published", s.Published);
        p.Set("$status", s.Status);
        p.Set("$info", s.Info);
        p.Set("$mediaProvider", s.MediaProvider);
        p.Set("$hasAudio", s.HasAudio);
        p.Set("$hasVideo", s.HasVideo);
        p.Set("$record", s.Record);
        p.Set("$width", s.Width);
        p.Set("$height", s.Height);
        p.Set("$bitrate", s.Bitrate);
        p.Set("$audioCodec", s.AudioCodec);
        p.Set("$videoCodec", s.VideoCodec);
        p.Set("$firstSeen", s.FirstSeenMs);
        p.Set("$lastSeen", s.LastSeenMs);
        p.Set("$lastEventId", s.LastEventId);
        p.Set("$eventCount", s.EventCount);
        p.Set("$endedWithSession", s.EndedWithSession);
        p.Set("$endedByEventId", s.EndedByEventId);
        _writeStream.Command.ExecuteNonQuery();
    }

    public ClientSession? LoadSession(string sessionId)
    {
        _selectSession.Set("$id", sessionId);
        using var r = _selectSession.Command.ExecuteReader();
        if (!r.Read()) return null;
        return new ClientSession
        {
            SessionId = r.GetString(0),
            AppKey = Str(r, 1),
            NodeId = Str(r, 2),
            Status = Str(r, 3),
            Origin = Str(r, 4),
            ClientVersion = Str(r, 5),
            ClientOsVersion = Str(r, 6),
            ClientBrowserVersion = Str(r, 7),
            MediaProviders = Str(r, 8),
            Custom = Str(r, 9),
            Login = Str(r, 10),
            RestClientConfig = Str(r, 11),
            ConnectedAtMs = r.IsDBNull(12) ? null : r.GetInt64(12),
            DisconnectedAtMs = r.IsDBNull(13) ? null : r.GetInt64(13),
            FirstSeenMs = r.GetInt64(14),
            LastSeenMs = r.GetInt64(15),
            EventCount = r.GetInt32(16),
        };
    }

    public void WriteSession(ClientSession s)
    {
        var p = _writeSession;
        p.Set("$sessionId", s.SessionId);
        p.Set("$appKey", s.AppKey);
        p.Set("$nodeId", s.NodeId);
        p.Set("$status", s.Status);
        p.Set("$origin", s.Origin);
        p.Set("$clientVersion", s.ClientVersion);
        p.Set("$clientOsVersion", s.ClientOsVersion);
        p.Set("$clientBrowserVersion", s.ClientBrowserVersion);
        p.Set("$mediaProviders", s.MediaProviders);
        p.Set("$custom", s.Custom);
        p.Set("$login", s.Login);
        p.Set("$restClientConfig", s.RestClientConfig);
        p.Set("$connectedAt", s.ConnectedAtMs);
        p.Set("$disconnectedAt", s.DisconnectedAtMs);
        p.Set("$firstSeen", s.FirstSeenMs);
        p.Set("$lastSeen", s.LastSeenMs);
        p.Set("$eventCount", s.EventCount);
        _writeSession.Command.ExecuteNonQuery();
    }

    /// <returns>The mediaSessionIds of the streams it ended.</returns>
    public List<string> EndSessionStreams(string sessionId, long eventId, long now)
    {
        var p = _endSessionStreams;
        p.Set("$sessionId", sessionId);
        p.Set("$eventId", eventId);
        p.Set("$now", now);
        var ended = new List<string>();
        using var reader = _endSessionStreams.Command.ExecuteReader();
        while (reader.Read()) ended.Add(reader.GetString(0));
        return ended;
    }

    public void CountRuleHit(long ruleId, long now)
    {
        _countRuleHit.Set("$ruleId", ruleId);
        _countRuleHit.Set("$now", now);
        _countRuleHit.Command.ExecuteNonQuery();
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static bool? Bool(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);

    public void Dispose()
    {
        _insertEvent.Dispose();
        foreach (var statement in _all) statement.Dispose();
    }
}
