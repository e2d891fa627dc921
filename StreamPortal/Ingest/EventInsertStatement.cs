using Microsoft.Data.Sqlite;
using SQLitePCL;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>
/// The one statement run for every hook, on the writer's connection through SQLite's own API: parameters are
/// bound by position (resolved once) and strings as UTF-16 spans, so a hook costs no binder objects, no name
/// look-ups and no managed string conversions. It runs inside the writer's transaction like any command.
/// </summary>
internal sealed class EventInsertStatement : IDisposable
{
    private static readonly string[] Parameters =
    [
        "$receivedAt", "$app", "$method", "$kind", "$nodeId", "$appKey", "$sessionId", "$mediaSessionId", "$name",
        "$status", "$info", "$published", "$body", "$bodyEncoding", "$headers", "$remote", "$answerStatus",
        "$answerBody", "$ruleId", "$ruleName", "$delayMs", "$latencyMs", "$rejected", "$rejectReason",
    ];

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly int[] _index;

    public EventInsertStatement(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, ProjectionSql.InsertEvent, out _stmt));
        _index = Parameters.Select(name => raw.sqlite3_bind_parameter_index(_stmt, name)).ToArray();
        if (_index.Any(i => i <= 0)) throw new InvalidOperationException("The event insert SQL and its parameter list differ.");
    }

    /// <returns>The new event's id.</returns>
    public long Insert(HookEvent e, byte[] rawBody)
    {
        var i = 0;
        Int(i++, e.ReceivedAtMs);
        Text(i++, e.App);
        Text(i++, e.Method);
        Int(i++, (int)e.Kind);
        Text(i++, e.NodeId);
        Text(i++, e.AppKey);
        Text(i++, e.SessionId);
        Text(i++, e.MediaSessionId);
        Text(i++, e.Name);
        Text(i++, e.Status);
        Text(i++, e.Info);
        Int(i++, e.Published is { } published ? (published ? 1 : 0) : null);
        // A UTF-8 body goes in as its bytes (the SQL casts them to TEXT); a non-UTF-8 one as its base64 text.
        if (e.Body is not null) Text(i++, e.Body);
        else Check(raw.sqlite3_bind_blob(_stmt, _index[i++], rawBody));
        Text(i++, e.BodyEncoding);
        Text(i++, e.Headers);
        Text(i++, e.RemoteAddress);
        Int(i++, e.AnswerStatus);
        Text(i++, e.AnswerBody);
        Int(i++, e.RuleId);
        Text(i++, e.RuleName);
        Int(i++, e.DelayMs);
        Check(raw.sqlite3_bind_double(_stmt, _index[i++], e.LatencyMs));
        Int(i++, e.Rejected ? 1 : 0);
        Text(i, e.RejectReason);

        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        return raw.sqlite3_last_insert_rowid(_db);
    }

    private void Int(int slot, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, _index[slot], v) : raw.sqlite3_bind_null(_stmt, _index[slot]));

    private void Text(int slot, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_stmt, _index[slot]) : raw.sqlite3_bind_text16(_stmt, _index[slot], value.AsSpan()));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }

    public void Dispose() => _stmt.Dispose();
}
