using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's SQL besides the stream and session rows' own statements (<see cref="RowSql"/>). Projection rules
/// live in <see cref="Projector"/> (C#); rows are read once into the writer's cache and written back whole, once per
/// batch, whatever number of hooks touched them.
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

    /// <summary>A disconnected session ends the streams it left open, marked as ended with the session.</summary>
    public static readonly string EndSessionStreams = $"""
        UPDATE Streams SET
            Status = CASE WHEN Published = 0 THEN '{StreamStatus.EndedWithSession(false)}' ELSE '{StreamStatus.EndedWithSession(true)}' END,
            Info = 'Ended with session',
            EndedWithSession = 1,
            EndedByEventId = $eventId,
            LastSeenMs = MAX(LastSeenMs, $now)
        WHERE SessionId = $sessionId AND (Status IS NULL OR Status NOT IN ({SqlList(StreamStatus.Terminal)}))
        RETURNING MediaSessionId
        """;

    /// <summary>A list of SQL string literals (the vocabulary's values need no escaping).</summary>
    private static string SqlList(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    public const string CountRuleHit = "UPDATE Rules SET HitCount = HitCount + 1, LastHitAtMs = $now WHERE Id = $ruleId";
}
