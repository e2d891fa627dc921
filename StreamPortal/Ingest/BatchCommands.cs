using Microsoft.Data.Sqlite;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>The writer's prepared statements: parameters are created once and only their values change per hook.</summary>
internal sealed class BatchCommands : IDisposable
{
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertStream;
    private readonly SqliteCommand _upsertSession;
    private readonly SqliteCommand _endSessionStreams;
    private readonly SqliteCommand _countRuleHit;

    public BatchCommands(SqliteConnection connection)
    {
        _insertEvent = Create(connection, ProjectionSql.InsertEvent);
        _upsertStream = Create(connection, ProjectionSql.UpsertStream);
        _upsertSession = Create(connection, ProjectionSql.UpsertSession);
        _endSessionStreams = Create(connection, ProjectionSql.EndSessionStreams);
        _countRuleHit = Create(connection, ProjectionSql.CountRuleHit);
    }

    public void Enlist(SqliteTransaction tx)
    {
        _insertEvent.Transaction = tx;
        _upsertStream.Transaction = tx;
        _upsertSession.Transaction = tx;
        _endSessionStreams.Transaction = tx;
        _countRuleHit.Transaction = tx;
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

    public void Project(IngestItem item, long now, BatchChanges changes)
    {
        var f = item.Fields!;
        var e = item.Event;
        if (f.MediaSessionId is not null)
        {
            var p = _upsertStream.Parameters;
            Set(p, "$mediaSessionId", f.MediaSessionId);
            Set(p, "$name", f.Name);
            Set(p, "$sessionId", f.SessionId);
            Set(p, "$appKey", f.AppKey);
            Set(p, "$nodeId", f.NodeId);
            Set(p, "$published", f.Published);
            Set(p, "$status", f.Status);
            Set(p, "$info", f.Info);
            Set(p, "$mediaProvider", f.MediaProvider);
            Set(p, "$hasAudio", f.HasAudio);
            Set(p, "$hasVideo", f.HasVideo);
            Set(p, "$record", f.Record);
            Set(p, "$width", f.Width);
            Set(p, "$height", f.Height);
            Set(p, "$bitrate", f.Bitrate);
            Set(p, "$audioCodec", f.AudioCodec);
            Set(p, "$videoCodec", f.VideoCodec);
            Set(p, "$now", e.ReceivedAtMs);
            Set(p, "$eventId", e.Id);
            _upsertStream.ExecuteNonQuery();
            changes.Streams.Add(f.MediaSessionId);
        }
        if (f.SessionId is null) return;

        // Client fields come from connect and connection events only: stream hooks carry the stream's own custom.
        var clientFields = e.Kind == HookKind.Connect || e.Method == "ConnectionStatusEvent";
        var status = item.SessionStatus;
        var s = _upsertSession.Parameters;
        Set(s, "$sessionId", f.SessionId);
        Set(s, "$appKey", f.AppKey);
        Set(s, "$nodeId", f.NodeId);
        Set(s, "$status", status);
        Set(s, "$origin", clientFields ? f.Origin : null);
        Set(s, "$clientVersion", clientFields ? f.ClientVersion : null);
        Set(s, "$clientOsVersion", clientFields ? f.ClientOsVersion : null);
        Set(s, "$clientBrowserVersion", clientFields ? f.ClientBrowserVersion : null);
        Set(s, "$mediaProviders", clientFields ? f.MediaProviders : null);
        Set(s, "$custom", clientFields ? f.Custom : null);
        Set(s, "$login", clientFields ? f.Login : null);
        Set(s, "$restClientConfig", item.RestClientConfig);
        Set(s, "$connectedAt", status == "ESTABLISHED" ? e.ReceivedAtMs : null);
        Set(s, "$disconnectedAt", status is "DISCONNECTED" or "FAILED" or "REFUSED" ? e.ReceivedAtMs : null);
        Set(s, "$now", e.ReceivedAtMs);
        _upsertSession.ExecuteNonQuery();
        changes.Sessions.Add(f.SessionId);

        if (status is "DISCONNECTED" or "FAILED")
        {
            var q = _endSessionStreams.Parameters;
            Set(q, "$sessionId", f.SessionId);
            Set(q, "$eventId", e.Id);
            Set(q, "$now", now);
            using var reader = _endSessionStreams.ExecuteReader();
            while (reader.Read()) changes.Streams.Add(reader.GetString(0));
        }
    }

    public void CountRuleHit(long ruleId, long now)
    {
        Set(_countRuleHit.Parameters, "$ruleId", ruleId);
        Set(_countRuleHit.Parameters, "$now", now);
        _countRuleHit.ExecuteNonQuery();
    }

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
        _insertEvent.Dispose();
        _upsertStream.Dispose();
        _upsertSession.Dispose();
        _endSessionStreams.Dispose();
        _countRuleHit.Dispose();
    }
}
