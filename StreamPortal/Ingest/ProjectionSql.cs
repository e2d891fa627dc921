using StreamPortal.Wcs;

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

    /// <summary>
    /// The columns of Streams that an index holds, besides the key. SQLite rewrites a row's entry in every index whose
    /// column an UPDATE sets, even to the same value, so the writer sets them only when they changed (a test checks
    /// this list against the schema's indexes).
    /// </summary>
    public static readonly string[] StreamIndexedColumns = ["Name", "SessionId", "AppKey", "Status", "FirstSeenMs"];

    public static readonly string SelectStream = $"SELECT {StreamColumns} FROM Streams WHERE MediaSessionId = $id";

    public static readonly string WriteStream = Upsert("Streams", StreamColumns);
    public static readonly string UpdateStreamUnindexed = Update("Streams", StreamColumns, StreamIndexedColumns);
    public static readonly string UpdateStreamWithStatus = Update("Streams", StreamColumns, [.. StreamIndexedColumns.Except(["Status"])]);

    public const string SessionColumns = """
        SessionId, AppKey, NodeId, Status, Origin, ClientVersion, ClientOsVersion, ClientBrowserVersion, MediaProviders,
        Custom, Login, RestClientConfig, ConnectedAtMs, DisconnectedAtMs, FirstSeenMs, LastSeenMs, EventCount
        """;

    /// <summary>As <see cref="StreamIndexedColumns"/>, for Sessions.</summary>
    public static readonly string[] SessionIndexedColumns = ["AppKey", "Status", "FirstSeenMs"];

    public static readonly string SelectSession = $"SELECT {SessionColumns} FROM Sessions WHERE SessionId = $id";

    public static readonly string WriteSession = Upsert("Sessions", SessionColumns);
    public static readonly string UpdateSessionUnindexed = Update("Sessions", SessionColumns, SessionIndexedColumns);
    public static readonly string UpdateSessionWithStatus = Update("Sessions", SessionColumns, [.. SessionIndexedColumns.Except(["Status"])]);

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

    /// <summary>The column names of a list, in order; the first is the table's key. Parameters are named $Column.</summary>
    public static string[] Columns(string columns) =>
        columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Inserts the whole row, or updates every column but the key in place if the key is there.</summary>
    private static string Upsert(string table, string columns)
    {
        var all = Columns(columns);
        return $"""
            INSERT INTO {table} ({string.Join(", ", all)}) VALUES ({string.Join(", ", all.Select(c => "$" + c))})
            ON CONFLICT ({all[0]}) DO UPDATE SET {string.Join(", ", all.Skip(1).Select(c => $"{c} = excluded.{c}"))}
            """;
    }

    /// <summary>Updates a stored row's columns except its key and the ones left out.</summary>
    private static string Update(string table, string columns, string[] leftOut)
    {
        var all = Columns(columns);
        var set = all.Skip(1).Except(leftOut).Select(c => $"{c} = ${c}");
        return $"UPDATE {table} SET {string.Join(", ", set)} WHERE {all[0]} = ${all[0]}";
    }

    public const string CountRuleHit = "UPDATE Rules SET HitCount = HitCount + 1, LastHitAtMs = $now WHERE Id = $ruleId";
}
