using Microsoft.Data.Sqlite;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>The writer's prepared statements: parameters are created once and only their values change per hook.</summary>
internal sealed class BatchCommands : IDisposable
{
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _selectStream;
    private readonly SqliteCommand _writeStream;
    private readonly SqliteCommand _selectSession;
    private readonly SqliteCommand _writeSession;
    private readonly SqliteCommand _endSessionStreams;
    private readonly SqliteCommand _countRuleHit;
    private readonly SqliteCommand[] _all;

    public BatchCommands(SqliteConnection connection)
    {
        _all =
        [
            _insertEvent = Create(connection, ProjectionSql.InsertEvent),
            _selectStream = Create(connection, ProjectionSql.SelectStream),
            _writeStream = Create(connection, ProjectionSql.WriteStream),
            _selectSession = Create(connection, ProjectionSql.SelectSession),
            _writeSession = Create(connection, ProjectionSql.WriteSession),
            _endSessionStreams = Create(connection, ProjectionSql.EndSessionStreams),
            _countRuleHit = Create(connection, ProjectionSql.CountRuleHit),
        ];
    }

    public void Enlist(SqliteTransaction tx)
    {
        foreach (var cmd in _all) cmd.Transaction = tx;
    }

    public long InsertEvent(HookEvent e)
    {
        var p = _insertEvent.Parameters;
        Set(p, "$receivedAt", e.ReceivedAtMs);
        Set(p, "$app", e.App);
        Set(p, "$method", e.Method);
        Set(p, "$kind", (int)e.Kind);
        Set(p, "$nodeId", e.NodeId);
        Set(p, "$appKey", e.AppKey);
        Set(p, "$sessionId", e.SessionId);
        Set(p, "$mediaSessionId", e.MediaSessionId);
        Set(p, "$name", e.Name);
        Set(p, "$status", e.Status);
        Set(p, "$info", e.Info);
        Set(p, "$published", e.Published);
        Set(p, "$body", e.Body);
        Set(p, "$bodyEncoding", e.BodyEncoding);
        Set(p, "$headers", e.Headers);
        Set(p, "$remote", e.RemoteAddress);
        Set(p, "$answerStatus", e.AnswerStatus);
        Set(p, "$answerBody", e.AnswerBody);
        Set(p, "$ruleId", e.RuleId);
        Set(p, "$ruleName", e.RuleName);
        Set(p, "$delayMs", e.DelayMs);
        Set(p, "$latencyMs", e.LatencyMs);
        Set(p, "$rejected", e.Rejected);
        Set(p, "$rejectReason", e.RejectReason);
        return (long)_insertEvent.ExecuteScalar()!;
    }

    public StreamInstance? LoadStream(string mediaSessionId)
    {
        Set(_selectStream.Parameters, "$id", mediaSessionId);
        using var r = _selectStream.ExecuteReader();
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
        var p = _writeStream.Parameters;
        Set(p, "$mediaSessionId", s.MediaSessionId);
        Set(p, "$name", s.Name);
        Set(p, "$sessionId", s.SessionId);
        Set(p, "$appKey", s.AppKey);
        Set(p, "$nodeId", s.NodeId);
        Set(p, "$published", s.Published);
        Set(p, "$status", s.Status);
        Set(p, "$info", s.Info);
        Set(p, "$mediaProvider", s.MediaProvider);
        Set(p, "$hasAudio", s.HasAudio);
        Set(p, "$hasVideo", s.HasVideo);
        Set(p, "$record", s.Record);
        Set(p, "$width", s.Width);
        Set(p, "$height", s.Height);
        Set(p, "$bitrate", s.Bitrate);
        Set(p, "$audioCodec", s.AudioCodec);
        Set(p, "$videoCodec", s.VideoCodec);
        Set(p, "$firstSeen", s.FirstSeenMs);
        Set(p, "$lastSeen", s.LastSeenMs);
        Set(p, "$lastEventId", s.LastEventId);
        Set(p, "$eventCount", s.EventCount);
        Set(p, "$endedWithSession", s.EndedWithSession);
        Set(p, "$endedByEventId", s.EndedByEventId);
        _writeStream.ExecuteNonQuery();
    }

    public ClientSession? LoadSession(string sessionId)
    {
        Set(_selectSession.Parameters, "$id", sessionId);
        using var r = _selectSession.ExecuteReader();
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
        var p = _writeSession.Parameters;
        Set(p, "$sessionId", s.SessionId);
        Set(p, "$appKey", s.AppKey);
        Set(p, "$nodeId", s.NodeId);
        Set(p, "$status", s.Status);
        Set(p, "$origin", s.Origin);
        Set(p, "$clientVersion", s.ClientVersion);
        Set(p, "$clientOsVersion", s.ClientOsVersion);
        Set(p, "$clientBrowserVersion", s.ClientBrowserVersion);
        Set(p, "$mediaProviders", s.MediaProviders);
        Set(p, "$custom", s.Custom);
        Set(p, "$login", s.Login);
        Set(p, "$restClientConfig", s.RestClientConfig);
        Set(p, "$connectedAt", s.ConnectedAtMs);
        Set(p, "$disconnectedAt", s.DisconnectedAtMs);
        Set(p, "$firstSeen", s.FirstSeenMs);
        Set(p, "$lastSeen", s.LastSeenMs);
        Set(p, "$eventCount", s.EventCount);
        _writeSession.ExecuteNonQuery();
    }

    /// <returns>The mediaSessionIds of the streams it ended.</returns>
    public List<string> EndSessionStreams(string sessionId, long eventId, long now)
    {
        var p = _endSessionStreams.Parameters;
        Set(p, "$sessionId", sessionId);
        Set(p, "$eventId", eventId);
        Set(p, "$now", now);
        var ended = new List<string>();
        using var reader = _endSessionStreams.ExecuteReader();
        while (reader.Read()) ended.Add(reader.GetString(0));
        return ended;
    }

    public void CountRuleHit(long ruleId, long now)
    {
        Set(_countRuleHit.Parameters, "$ruleId", ruleId);
        Set(_countRuleHit.Parameters, "$now", now);
        _countRuleHit.ExecuteNonQuery();
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static bool? Bool(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Set(SqliteParameterCollection parameters, string name, object? value)
    {
        // Parameters are added on first use, so each statement's list is exactly the names its SQL uses.
        var index = parameters.IndexOf(name);
        if (index < 0) parameters.AddWithValue(name, value ?? DBNull.Value);
        else parameters[index].Value = value ?? DBNull.Value;
    }

    public void Dispose()
    {
        foreach (var cmd in _all) cmd.Dispose();
    }
}
