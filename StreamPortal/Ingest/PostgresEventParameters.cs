using System.Text;
using Npgsql;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>
/// The PostgreSQL insert's parameters, added in <see cref="ProjectionSql.EventColumns"/> order ($1...). The body is
/// text: UTF-8 bytes are decoded. PostgreSQL text cannot hold U+0000, which valid UTF-8 may carry, so such a body is
/// stored as base64 like any non-UTF-8 one (the event's BodyEncoding says so).
/// </summary>
internal readonly struct PostgresEventParameters : IEventParameters
{
    private const string Base64 = "base64";
    private readonly NpgsqlParameterCollection _parameters;

    public PostgresEventParameters(NpgsqlParameterCollection parameters) => _parameters = parameters;

    public void Int(int position, long? value) => Add(value);
    public void Bool(int position, bool? value) => Add(value);
    public void Double(int position, double value) => Add(value);
    public void Text(int position, string? value) => Add(value);
    public void Utf8(int position, byte[] value) => Add(Encoding.UTF8.GetString(value));

    private void Add(object? value) => _parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });

    /// <summary>Before binding: a body PostgreSQL text cannot hold becomes base64 (the event says so itself).</summary>
    public static void PrepareBody(HookEvent e, byte[] rawBody)
    {
        if (e.Body is null && rawBody.AsSpan().Contains((byte)0))
        {
            e.Body = Convert.ToBase64String(rawBody);
            e.BodyEncoding = Base64;
        }
    }
}
