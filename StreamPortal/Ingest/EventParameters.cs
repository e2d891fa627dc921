using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>Where an event's values go: a statement's parameters, by position in <see cref="ProjectionSql.EventColumns"/>.</summary>
internal interface IEventParameters
{
    void Int(int position, long? value);
    void Bool(int position, bool? value);
    void Double(int position, double value);
    void Text(int position, string? value);

    /// <summary>The body as its UTF-8 bytes (only the body is ever bound so).</summary>
    void Utf8(int position, byte[] value);
}

/// <summary>
/// An event's values in <see cref="ProjectionSql.EventColumns"/> order, for both stores' inserts: the one place that
/// says which property fills which column. Generic over a struct, so the SQLite writer binds without boxing.
/// </summary>
internal static class EventParameters
{
    public static void Bind<T>(ref T p, HookEvent e, byte[] rawBody, long? sessionKey, long? mediaSessionKey, long? nameKey)
        where T : struct, IEventParameters
    {
        var i = 0;
        p.Int(i++, e.ReceivedAtMs);
        p.Text(i++, e.App);
        p.Text(i++, e.Method);
        p.Int(i++, (int)e.Kind);
        p.Text(i++, e.NodeId);
        p.Text(i++, e.AppKey);
        p.Text(i++, e.SessionId);
        p.Text(i++, e.MediaSessionId);
        p.Text(i++, e.Name);
        p.Int(i++, sessionKey);
        p.Int(i++, mediaSessionKey);
        p.Int(i++, nameKey);
        p.Text(i++, e.Status);
        p.Text(i++, e.Info);
        p.Bool(i++, e.Published);
        // A UTF-8 body goes in as its bytes; a non-UTF-8 one as its base64 text (see HookHandler).
        if (e.Body is not null) p.Text(i++, e.Body);
        else p.Utf8(i++, rawBody);
        p.Text(i++, e.BodyEncoding);
        p.Text(i++, e.Headers);
        p.Text(i++, e.RemoteAddress);
        p.Int(i++, e.AnswerStatus);
        p.Text(i++, e.AnswerBody);
        p.Int(i++, e.RuleId);
        p.Text(i++, e.RuleName);
        p.Int(i++, e.DelayMs);
        p.Double(i++, e.LatencyMs);
        p.Bool(i++, e.Rejected);
        p.Text(i++, e.RejectReason);
        p.Bool(i++, e.AnswerDelivered);
        p.Int(i++, e.ReplayOf);
        p.Text(i++, e.ImportedFrom);
        p.Int(i++, e.DuplicateOf);
        p.Text(i++, e.ShadowRefusal);
        p.Text(i++, e.Instance);
        if (i != ProjectionSql.EventColumns.Length) throw new InvalidOperationException("Not every event column was bound.");
    }
}

/// <summary>The SQLite insert's parameters: positions mapped to the prepared statement's slots.</summary>
internal readonly struct SqliteEventParameters(RawStatement statement, int[] slots) : IEventParameters
{
    public void Int(int position, long? value) => statement.Int(slots[position], value);
    public void Bool(int position, bool? value) => statement.Bool(slots[position], value);
    public void Double(int position, double value) => statement.Double(slots[position], value);
    public void Text(int position, string? value) => statement.Text(slots[position], value);

    /// <summary>The SQL casts the bytes to TEXT (see <see cref="ProjectionSql.InsertEvent"/>).</summary>
    public void Utf8(int position, byte[] value) => statement.Blob(slots[position], value);
}
