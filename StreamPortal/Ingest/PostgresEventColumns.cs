using System.Text;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>
/// A batch's events as one array per column (in <see cref="ProjectionSql.EventColumns"/> order, filled by
/// <see cref="EventParameters.Bind"/>), for the one INSERT ... SELECT FROM unnest(...) that stores them all: one
/// statement of fixed text whatever the batch's size, so the server plans it once. The body is text: UTF-8 bytes are
/// decoded. PostgreSQL text cannot hold U+0000, which valid UTF-8 may carry, so such a body is stored as base64 like
/// any non-UTF-8 one (the event's BodyEncoding says so).
/// </summary>
internal sealed class PostgresEventColumns
{
    private const string Base64 = "base64";

    /// <summary>Each column's SQL array type, found by binding an empty event once (the binding is the only declaration).</summary>
    public static readonly string[] ArrayTypes = Probe();

    private readonly Array[] _columns;

    public PostgresEventColumns(int count)
    {
        _columns = new Array[ArrayTypes.Length];
        for (var i = 0; i < _columns.Length; i++)
            _columns[i] = ArrayTypes[i] switch
            {
                "bigint[]" => new long?[count],
                "boolean[]" => new bool?[count],
                "double precision[]" => new double[count],
                _ => new string?[count],
            };
        Ids = new long[count];
    }

    public long[] Ids { get; }

    /// <summary>The statement's parameters: the ids, then one array per event column.</summary>
    public object[] Parameters() => [Ids, .. _columns];

    /// <summary>Sets row <paramref name="row"/> from the event (keys are resolved by the statement from the strings).</summary>
    public void Set(int row, HookEvent e, byte[] rawBody)
    {
        PrepareBody(e, rawBody);
        Ids[row] = e.Id;
        var p = new Row(_columns, row);
        EventParameters.Bind(ref p, e, rawBody, null, null, null);
    }

    /// <summary>Before binding: a body PostgreSQL text cannot hold becomes base64 (the event says so itself).</summary>
    private static void PrepareBody(HookEvent e, byte[] rawBody)
    {
        if (e.Body is null && rawBody.AsSpan().Contains((byte)0))
        {
            e.Body = Convert.ToBase64String(rawBody);
            e.BodyEncoding = Base64;
        }
    }

    private static string[] Probe()
    {
        var probe = new KindProbe(new string[ProjectionSql.EventColumns.Length]);
        EventParameters.Bind(ref probe, new HookEvent(), [], null, null, null);
        return probe.Types;
    }

    private readonly struct Row(Array[] columns, int row) : IEventParameters
    {
        public void Int(int position, long? value) => ((long?[])columns[position])[row] = value;
        public void Bool(int position, bool? value) => ((bool?[])columns[position])[row] = value;
        public void Double(int position, double value) => ((double[])columns[position])[row] = value;
        public void Text(int position, string? value) => ((string?[])columns[position])[row] = value;
        public void Utf8(int position, byte[] value) => ((string?[])columns[position])[row] = Encoding.UTF8.GetString(value);
    }

    private readonly struct KindProbe(string[] types) : IEventParameters
    {
        public string[] Types => types;
        public void Int(int position, long? value) => types[position] = "bigint[]";
        public void Bool(int position, bool? value) => types[position] = "boolean[]";
        public void Double(int position, double value) => types[position] = "double precision[]";
        public void Text(int position, string? value) => types[position] = "text[]";
        public void Utf8(int position, byte[] value) => types[position] = "text[]";
    }
}
