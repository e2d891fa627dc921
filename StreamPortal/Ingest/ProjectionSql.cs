namespace StreamPortal.Ingest;

/// <summary>
/// The writer's SQL. Projection rules live in <see cref="Projector"/> (C#); rows are read once into the writer's
/// cache and written back whole, once per batch, whatever number of hooks touched them.
/// </summary>
internal static class ProjectionSql
{
    public const string InsertEvent = """
        INSERT INTO Events (ReceivedAtMs, App, Method, Kind, NodeId, AppKey, SessionId, MediaSessionId, Name, SessionKey,
            MediaSessionKey, NameKey, Status, Info, Published, Body, BodyEncoding, Headers, RemoteAddress, AnswerStatus,
            AnswerBody, RuleId, RuleName, DelayMs, LatencyMs, Rejected, RejectReason)
        VALUES ($receivedAt, $app, $method, $kind, $nodeId, $appKey, $sessionId, $mediaSessionId, $name, $sessionKey,
            $mediaSessionKey, $nameKey, $status, $info, $published, CAST($body AS TEXT), $bodyEncoding, $headers, $remote,
            $answerStatus, $answerBody, $ruleId, $ruleName, $delayMs, $latencyMs, $rejected, $rejectReason)
        """;

    public const string SelectKey = "SELECT Id FROM EventKeys WHERE Value = $value";
    public const string InsertKey = "INSERT INTO EventKeys (Value) VALUES ($value)";

    public const string StreamColumns = """
        MediaSessionId, Name, SessionId, AppKey, NodeId, Published, Status, Info, MediaProvider, HasAudio, HasVideo,
        Record, Width, Height, Bitrate, AudioCodec, VideoCodec, FirstSeenMs, LastSeenMs, LastEventId, EventCount,
        EndedWithSession, EndedByEventId
        """;

    public static readonly string SelectStream = $"SELECT {StreamColumns} FROM Streams WHERE MediaSessionId = $id";

    public static readonly string WriteStream = $"""
        INSERT INTO Streams ({StreamColumns})
        VALUES ($mediaSessionId, $name, $sessionId, $appKey, $nodeId, $published, $status, $info, $mediaProvider,
            $hasAudio, $hasVideo, $record, $width, $height, $bitrate, $audioCodec, $videoCodec, $firstSeen, $lastSeen,
            $lastEventId, $eventCount, $endedWithSession, $endedByEventId)
        ON CONFLICT (MediaSessionId) DO UPDATE SET {UpdateAll(StreamColumns)}
        """;

    public const string SessionColumns = """
        SessionId, AppKey, NodeId, Status, Origin, ClientVersion, ClientOsVersion, ClientBrowserVersion, MediaProviders,
        Custom, Login, RestClientConfig, ConnectedAtMs, DisconnectedAtMs, FirstSeenMs, LastSeenMs, EventCount
        """;

    public static readonly string SelectSession = $"SELECT {SessionColumns} FROM Sessions WHERE SessionId = $id";

    public static readonly string WriteSession = $"""
        INSERT INTO Sessions ({SessionColumns})
        VALUES ($sessionId, $appKey, $nodeId, $status, $origin, $clientVersion, $clientOsVersion, $clientBrowserVersion,
            $mediaProviders, $custom, $login, $restClientConfig, $connectedAt, $disconnectedAt, $firstSeen, $lastSeen,
            $eventCount)
        ON CONFLICT (SessionId) DO UPDATE SET {UpdateAll(SessionColumns)}
        """;

    /// <summary>A disconnected session ends the streams it left open, marked as ended with the session.</summary>
    public const string EndSessionStreams = """
        UPDATE Streams SET
            Status = CASE WHEN Published = 0 THEN 'STOPPED' ELSE 'UNPUBLISHED' END,
            Info = 'Ended with session',
            EndedWithSession = 1,
            EndedByEventId = $eventId,
            LastSeenMs = MAX(LastSeenMs, $now)
        WHERE SessionId = $sessionId AND (Status IS NULL OR Status NOT IN ('UNPUBLISHED','STOPPED','FAILED'))
        RETURNING MediaSessionId
        """;

    /// <summary>An update in place (not a delete and insert): indexes change only where their columns did.</summary>
    private static string UpdateAll(string columns) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(c => $"{c} = excluded.{c}"));

    public const string CountRuleHit = "UPDATE Rules SET HitCount = HitCount + 1, LastHitAtMs = $now WHERE Id = $ruleId";
}
