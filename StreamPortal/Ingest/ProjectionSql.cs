using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's SQL besides the stream and session rows' own statements (<see cref="RowSql"/>). Projection rules
/// live in <see cref="Projector"/> (C#); rows are read once into the writer's cache and written back whole, once per
/// batch, whatever number of hooks touched them.
/// </summary>
internal static class ProjectionSql
{
    /// <summary>
    /// The columns of an event the writer inserts, in the order <see cref="BatchCommands.InsertEvent"/> binds them:
    /// every column but Id, which SQLite assigns (a test checks the list against the table). Parameters are $Column.
    /// </summary>
    public static readonly string[] EventColumns =
    [
        "ReceivedAtMs", "App", "Method", "Kind", "NodeId", "AppKey", "SessionId", "MediaSessionId", "Name", "SessionKey",
        "MediaSessionKey", "NameKey", "Status", "Info", "Published", "Body", "BodyEncoding", "Headers", "RemoteAddress",
        "AnswerStatus", "AnswerBody", "RuleId", "RuleName", "DelayMs", "LatencyMs", "Rejected", "RejectReason",
        "AnswerDelivered", "ReplayOf", "ImportedFrom", "DuplicateOf", "ShadowRefusal",
    ];

    public static readonly string InsertEvent =
        $"INSERT INTO Events ({string.Join(", ", EventColumns)}) VALUES ({string.Join(", ", EventColumns.Select(EventValue))})";

    /// <summary>A UTF-8 body is bound as its bytes, which the statement stores as TEXT.</summary>
    private static string EventValue(string column) => column == "Body" ? "CAST($Body AS TEXT)" : "$" + column;

    public const string MarkAnswerNotDelivered = "UPDATE Events SET AnswerDelivered = 0 WHERE Id = $id";

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
