using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The retention job's statements in each store's dialect, side by side. Each statement's first parameter is the
/// cutoff (time, id or count), its second the batch size; SQLite names them ($p, $n), PostgreSQL numbers them.
/// </summary>
internal sealed record RetentionSql(string DeleteOlderThan, string NewestBeyond, string DeleteUpToId, string[] Parameters)
{
    public static readonly RetentionSql Sqlite = new(
        $"DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE ReceivedAtMs < $p {NotLive(Q)} ORDER BY ReceivedAtMs LIMIT $n)",
        "SELECT Id FROM Events ORDER BY Id DESC LIMIT 1 OFFSET $p",
        $"DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE Id <= $p {NotLive(Q)} ORDER BY Id LIMIT $n)",
        ["$p", "$n"]);

    /// <summary>Positional parameters have no name.</summary>
    public static readonly RetentionSql Postgres = new(
        $"""DELETE FROM "Events" WHERE "Id" IN (SELECT "Id" FROM "Events" WHERE "ReceivedAtMs" < $1 {NotLive(PgQ)} ORDER BY "ReceivedAtMs" LIMIT $2)""",
        """SELECT "Id" FROM "Events" ORDER BY "Id" DESC LIMIT 1 OFFSET $1""",
        $"""DELETE FROM "Events" WHERE "Id" IN (SELECT "Id" FROM "Events" WHERE "Id" <= $1 {NotLive(PgQ)} ORDER BY "Id" LIMIT $2)""",
        ["", ""]);

    public string Parameter(int index) => Parameters[index];

    /// <summary>
    /// The condition that spares the events of a session or stream that is not over: retention never takes a live
    /// stream's publish or a live session's connect from under it, however old. A session is over once its status is
    /// one of <see cref="SessionStatus.Ended"/>, a stream once it is <see cref="StreamStatus.Terminal"/> (a session
    /// that ends ends its streams); one that never hears its end keeps its events until it does. Evaluated in each
    /// batch's statement, so a batch sees the states as they are then.
    /// </summary>
    private static string NotLive(Func<string, string> q) =>
        $"AND ({q("SessionKey")} IS NULL OR {q("SessionKey")} NOT IN (SELECT k.{q("Id")} FROM {q("Sessions")} s JOIN {q("EventKeys")} k ON k.{q("Value")} = s.{q("SessionId")} " +
        $"WHERE s.{q("Status")} IS NULL OR s.{q("Status")} NOT IN ({List(SessionStatus.Ended)}))) " +
        $"AND ({q("MediaSessionKey")} IS NULL OR {q("MediaSessionKey")} NOT IN (SELECT k.{q("Id")} FROM {q("Streams")} s JOIN {q("EventKeys")} k ON k.{q("Value")} = s.{q("MediaSessionId")} " +
        $"WHERE s.{q("Status")} IS NULL OR s.{q("Status")} NOT IN ({List(StreamStatus.Terminal)})))";

    private static string Q(string name) => name;
    private static string PgQ(string name) => $"\"{name}\"";

    /// <summary>Status words as SQL literals (closed vocabularies of plain upper-case words: nothing to escape).</summary>
    private static string List(IEnumerable<string> words) => string.Join(", ", words.Select(w => $"'{w}'"));
}
