using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's SQL besides the stream and session rows' own statements (<see cref="RowSql"/>). Projection rules
/// live in <see cref="Projector"/> (C#); rows are read once into the writer's cache and written back whole, once per
/// batch, whatever number of hooks touched them. Where SQLite and PostgreSQL differ, each statement's PostgreSQL text
/// stands right below the SQLite one (Postgres*): quoted identifiers (PostgreSQL folds bare names to lower case),
/// positional parameters ($1...), booleans as true/false, GREATEST for MAX.
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
        "AnswerDelivered", "ReplayOf", "ImportedFrom", "DuplicateOf", "ShadowRefusal", "Instance",
    ];

    public static readonly string InsertEvent =
        $"INSERT INTO Events ({string.Join(", ", EventColumns)}) VALUES ({string.Join(", ", EventColumns.Select(EventValue))})";

    /// <summary>A UTF-8 body is bound as its bytes, which the statement stores as TEXT.</summary>
    private static string EventValue(string column) => column == "Body" ? "CAST($Body AS TEXT)" : "$" + column;

    /// <summary>
    /// A batch's events in one statement: $1 the ids (taken from the identity column's sequence beforehand, see
    /// <see cref="PostgresNextIds"/>), then one array per column in <see cref="EventColumns"/> order (types in
    /// <see cref="PostgresEventColumns.ArrayTypes"/>). The key columns are looked up from their strings in the same
    /// statement (the batch's keys were added by the statement before it), so the insert needs no answer first.
    /// </summary>
    public static string PostgresInsertEvents => InsertEventsText.Value;

    // Lazy: the array types come from PostgresEventColumns, whose own initialisation reads EventColumns here.
    private static readonly Lazy<string> InsertEventsText = new(() =>
        $"INSERT INTO \"Events\" (\"Id\", {string.Join(", ", EventColumns.Select(Quote))}) " +
        $"SELECT u.\"Id\", {string.Join(", ", EventColumns.Select(PostgresEventValue))} " +
        $"FROM unnest($1::bigint[], {string.Join(", ", PostgresEventColumns.ArrayTypes.Select((type, i) => $"${i + 2}::{type}"))}) " +
        $"AS u(\"Id\", {string.Join(", ", EventColumns.Select(Quote))})");

    /// <summary>The key columns, each from the string it numbers.</summary>
    private static readonly Dictionary<string, string> KeyOf = new(StringComparer.Ordinal)
    {
        ["SessionKey"] = "SessionId", ["MediaSessionKey"] = "MediaSessionId", ["NameKey"] = "Name",
    };

    private static string PostgresEventValue(string column) => KeyOf.TryGetValue(column, out var text)
        ? $"(SELECT k.\"Id\" FROM \"EventKeys\" k WHERE k.\"Value\" = u.{Quote(text)})"
        : "u." + Quote(column);

    /// <summary>$1 new event ids from the identity column's own sequence: unique across instances.</summary>
    public const string PostgresNextIds =
        "SELECT nextval(pg_get_serial_sequence('\"Events\"', 'Id')) FROM generate_series(1, $1)";

    public const string MarkAnswerNotDelivered = "UPDATE Events SET AnswerDelivered = 0 WHERE Id = $id";
    public const string PostgresMarkAnswerNotDelivered = "UPDATE \"Events\" SET \"AnswerDelivered\" = false WHERE \"Id\" = $1";

    public const string SelectKey = "SELECT Id FROM EventKeys WHERE Value = $value";
    public const string InsertKey = "INSERT INTO EventKeys (Value) VALUES ($value)";

    /// <summary>
    /// Adds the batch's new key strings ($1, sorted, so that two writers adding the same strings take their index
    /// entries in one order): keys are shared by every instance. The event insert reads them back itself.
    /// </summary>
    public const string PostgresInsertKeys =
        "INSERT INTO \"EventKeys\" (\"Value\") SELECT v FROM unnest($1::text[]) AS v ON CONFLICT (\"Value\") DO NOTHING";

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

    /// <summary>$1 the session, $2 the ending event, $3 now.</summary>
    public static readonly string PostgresEndSessionStreams = $"""
        UPDATE "Streams" SET
            "Status" = CASE WHEN "Published" = false THEN '{StreamStatus.EndedWithSession(false)}' ELSE '{StreamStatus.EndedWithSession(true)}' END,
            "Info" = 'Ended with session',
            "EndedWithSession" = true,
            "EndedByEventId" = $2,
            "LastSeenMs" = GREATEST("LastSeenMs", $3)
        WHERE "SessionId" = $1 AND ("Status" IS NULL OR "Status" NOT IN ({SqlList(StreamStatus.Terminal)}))
        RETURNING "MediaSessionId"
        """;

    /// <summary>A list of SQL string literals (the vocabulary's values need no escaping).</summary>
    private static string SqlList(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    public const string CountRuleHit = "UPDATE Rules SET HitCount = HitCount + 1, LastHitAtMs = $now WHERE Id = $ruleId";

    /// <summary>$1 the rule, $2 its hits in the batch, $3 now: one statement per rule and batch, in rule order.</summary>
    public const string PostgresCountRuleHits =
        "UPDATE \"Rules\" SET \"HitCount\" = \"HitCount\" + $2, \"LastHitAtMs\" = GREATEST(COALESCE(\"LastHitAtMs\", $3), $3) WHERE \"Id\" = $1";

    /// <summary>A PostgreSQL identifier: quoted, as the tables and columns are named in mixed case.</summary>
    public static string Quote(string identifier) => "\"" + identifier + "\"";
}
