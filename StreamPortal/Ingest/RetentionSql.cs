using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The retention job's statements in each store's dialect, side by side. Each statement's first parameter is the
/// cutoff (time, id or count), its second the batch size; SQLite names them ($p, $n), PostgreSQL numbers them.
/// </summary>
internal sealed record RetentionSql(string DeleteOlderThan, string NewestBeyond, string DeleteUpToId, string[] Parameters, string? LiveKeys)
{
    /// <summary>
    /// SQLite: the live sessions' and streams' key ids are read once per prune (<see cref="LiveKeys"/>) and passed to
    /// each delete as JSON arrays ($live_sessions, $live_streams): the writer runs these deletes between hooks
    /// (<see cref="WriterChores"/>), and reading Sessions and Streams in each would cost most of a small delete (7 of
    /// 12 ms at 1,000,000 events, ten times that at 10,000,000). A session or stream that is over never becomes live
    /// again, and one that starts after the snapshot has no events below the cutoff fixed after it (RetentionJob
    /// takes one per phase), so the snapshot keeps all it must.
    /// </summary>
    public static readonly RetentionSql Sqlite = new(
        $"DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE ReceivedAtMs < $p {NotLiveIn(Q)} ORDER BY ReceivedAtMs LIMIT $n)",
        "SELECT Id FROM Events ORDER BY Id DESC LIMIT 1 OFFSET $p",
        $"DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE Id <= $p {NotLiveIn(Q)} ORDER BY Id LIMIT $n)",
        ["$p", "$n", "$live_sessions", "$live_streams"],
        $"SELECT (SELECT json_group_array(k.Id) {LiveSessions(Q)}), (SELECT json_group_array(k.Id) {LiveStreams(Q)})");

    /// <summary>
    /// Positional parameters have no name. The live sessions and streams are looked up by each delete: they run on a
    /// connection of their own, beside the writer (PostgreSQL locks rows, not the database), 5,000 events each.
    /// </summary>
    public static readonly RetentionSql Postgres = new(
        $"""DELETE FROM "Events" WHERE "Id" IN (SELECT "Id" FROM "Events" WHERE "ReceivedAtMs" < $1 {NotLive(PgQ)} ORDER BY "ReceivedAtMs" LIMIT $2)""",
        """SELECT "Id" FROM "Events" ORDER BY "Id" DESC LIMIT 1 OFFSET $1""",
        $"""DELETE FROM "Events" WHERE "Id" IN (SELECT "Id" FROM "Events" WHERE "Id" <= $1 {NotLive(PgQ)} ORDER BY "Id" LIMIT $2)""",
        ["", ""],
        null);

    public string Parameter(int index) => Parameters[index];

    /// <summary>
    /// The condition that spares the events of a session or stream that is not over: retention never takes a live
    /// stream's publish or a live session's connect from under it, however old. A session is over once its status is
    /// one of <see cref="SessionStatus.Ended"/>, a stream once it is <see cref="StreamStatus.Terminal"/> (a session
    /// that ends ends its streams); one that never hears its end keeps its events until it does. Evaluated in each
    /// batch's statement, so a batch sees the states as they are then.
    /// </summary>
    private static string NotLive(Func<string, string> q) =>
        $"AND ({q("SessionKey")} IS NULL OR {q("SessionKey")} NOT IN (SELECT k.{q("Id")} {LiveSessions(q)})) " +
        $"AND ({q("MediaSessionKey")} IS NULL OR {q("MediaSessionKey")} NOT IN (SELECT k.{q("Id")} {LiveStreams(q)}))";

    /// <summary><see cref="NotLive"/> with the live key ids given as JSON arrays (see <see cref="Sqlite"/>).</summary>
    private static string NotLiveIn(Func<string, string> q) =>
        $"AND ({q("SessionKey")} IS NULL OR {q("SessionKey")} NOT IN (SELECT value FROM json_each($live_sessions))) " +
        $"AND ({q("MediaSessionKey")} IS NULL OR {q("MediaSessionKey")} NOT IN (SELECT value FROM json_each($live_streams)))";

    /// <summary>The key rows (k) of the sessions that are not over.</summary>
    private static string LiveSessions(Func<string, string> q) =>
        $"FROM {q("Sessions")} s JOIN {q("EventKeys")} k ON k.{q("Value")} = s.{q("SessionId")} " +
        $"WHERE s.{q("Status")} IS NULL OR s.{q("Status")} NOT IN ({List(SessionStatus.Ended)})";

    /// <summary>The key rows (k) of the streams that are not over.</summary>
    private static string LiveStreams(Func<string, string> q) =>
        $"FROM {q("Streams")} s JOIN {q("EventKeys")} k ON k.{q("Value")} = s.{q("MediaSessionId")} " +
        $"WHERE s.{q("Status")} IS NULL OR s.{q("Status")} NOT IN ({List(StreamStatus.Terminal)})";

    private static string Q(string name) => name;
    private static string PgQ(string name) => $"\"{name}\"";

    /// <summary>Status words as SQL literals (closed vocabularies of plain upper-case words: nothing to escape).</summary>
    private static string List(IEnumerable<string> words) => string.Join(", ", words.Select(w => $"'{w}'"));
}
