namespace StreamPortal.Ingest;

/// <summary>
/// The hot path's SQL. Projections are upserts so that one statement per hook keeps state consistent whatever
/// the arrival order: a status only replaces one of equal or lower rank (pending &lt; live &lt; terminal).
/// In SQLite's DO UPDATE, bare column names are the stored row, "excluded." the new values.
/// </summary>
internal static class ProjectionSql
{
    private const string Terminal = "('UNPUBLISHED','STOPPED','FAILED','DISCONNECTED','REFUSED')";

    private static string Rank(string column) =>
        $"(CASE WHEN {column} IN {Terminal} THEN 2 WHEN {column} IN ('PENDING','CONNECTING') THEN 0 ELSE 1 END)";

    private static readonly string Accept = $"(excluded.Status IS NOT NULL AND (Status IS NULL OR {Rank("excluded.Status")} >= {Rank("Status")}))";

    public const string InsertEvent = """
        INSERT INTO Events (ReceivedAtMs, App, Method, Kind, NodeId, AppKey, SessionId, MediaSessionId, Name, Status, Info,
            Published, Body, BodyEncoding, Headers, RemoteAddress, AnswerStatus, AnswerBody, RuleId, RuleName, DelayMs,
            LatencyMs, Rejected, RejectReason)
        VALUES ($receivedAt, $app, $method, $kind, $nodeId, $appKey, $sessionId, $mediaSessionId, $name, $status, $info,
            $published, $body, $bodyEncoding, $headers, $remote, $answerStatus, $answerBody, $ruleId, $ruleName, $delayMs,
            $latencyMs, $rejected, $rejectReason)
        RETURNING Id
        """;

    public static readonly string UpsertStream = $"""
        INSERT INTO Streams (MediaSessionId, Name, SessionId, AppKey, NodeId, Published, Status, Info, MediaProvider,
            HasAudio, HasVideo, Record, Width, Height, Bitrate, AudioCodec, VideoCodec, FirstSeenMs, LastSeenMs,
            LastEventId, EventCount, EndedWithSession, EndedByEventId)
        VALUES ($mediaSessionId, $name, $sessionId, $appKey, $nodeId, $published, $status, $info, $mediaProvider,
            $hasAudio, $hasVideo, $record, $width, $height, $bitrate, $audioCodec, $videoCodec, $now, $now,
            $eventId, 1, 0, NULL)
        ON CONFLICT (MediaSessionId) DO UPDATE SET
            Name = COALESCE(excluded.Name, Name),
            SessionId = COALESCE(excluded.SessionId, SessionId),
            AppKey = COALESCE(excluded.AppKey, AppKey),
            NodeId = COALESCE(excluded.NodeId, NodeId),
            Published = COALESCE(excluded.Published, Published),
            Info = CASE WHEN {Accept} THEN COALESCE(excluded.Info, Info) ELSE Info END,
            Status = CASE WHEN {Accept} THEN excluded.Status ELSE Status END,
            MediaProvider = COALESCE(excluded.MediaProvider, MediaProvider),
            HasAudio = COALESCE(excluded.HasAudio, HasAudio),
            HasVideo = COALESCE(excluded.HasVideo, HasVideo),
            Record = COALESCE(excluded.Record, Record),
            Width = COALESCE(excluded.Width, Width),
            Height = COALESCE(excluded.Height, Height),
            Bitrate = COALESCE(excluded.Bitrate, Bitrate),
            AudioCodec = COALESCE(excluded.AudioCodec, AudioCodec),
            VideoCodec = COALESCE(excluded.VideoCodec, VideoCodec),
            FirstSeenMs = MIN(FirstSeenMs, excluded.FirstSeenMs),
            LastSeenMs = MAX(LastSeenMs, excluded.LastSeenMs),
            LastEventId = excluded.LastEventId,
            EventCount = EventCount + 1
        """;

    public static readonly string UpsertSession = $"""
        INSERT INTO Sessions (SessionId, AppKey, NodeId, Status, Origin, ClientVersion, ClientOsVersion,
            ClientBrowserVersion, MediaProviders, Custom, Login, RestClientConfig, ConnectedAtMs, DisconnectedAtMs,
            FirstSeenMs, LastSeenMs, EventCount)
        VALUES ($sessionId, $appKey, $nodeId, $status, $origin, $clientVersion, $clientOsVersion,
            $clientBrowserVersion, $mediaProviders, $custom, $login, $restClientConfig, $connectedAt, $disconnectedAt,
            $now, $now, 1)
        ON CONFLICT (SessionId) DO UPDATE SET
            AppKey = COALESCE(excluded.AppKey, AppKey),
            NodeId = COALESCE(excluded.NodeId, NodeId),
            Status = CASE WHEN {Accept} THEN excluded.Status ELSE Status END,
            Origin = COALESCE(excluded.Origin, Origin),
            ClientVersion = COALESCE(excluded.ClientVersion, ClientVersion),
            ClientOsVersion = COALESCE(excluded.ClientOsVersion, ClientOsVersion),
            ClientBrowserVersion = COALESCE(excluded.ClientBrowserVersion, ClientBrowserVersion),
            MediaProviders = COALESCE(excluded.MediaProviders, MediaProviders),
            Custom = COALESCE(excluded.Custom, Custom),
            Login = COALESCE(excluded.Login, Login),
            RestClientConfig = COALESCE(excluded.RestClientConfig, RestClientConfig),
            ConnectedAtMs = COALESCE(ConnectedAtMs, excluded.ConnectedAtMs),
            DisconnectedAtMs = COALESCE(DisconnectedAtMs, excluded.DisconnectedAtMs),
            FirstSeenMs = MIN(FirstSeenMs, excluded.FirstSeenMs),
            LastSeenMs = MAX(LastSeenMs, excluded.LastSeenMs),
            EventCount = EventCount + 1
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

    public const string CountRuleHit = "UPDATE Rules SET HitCount = HitCount + 1, LastHitAtMs = $now WHERE Id = $ruleId";
}
