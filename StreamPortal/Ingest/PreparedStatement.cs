using Microsoft.Data.Sqlite;

namespace StreamPortal.Ingest;

/// <summary>
/// One reused SQLite command. Parameters are added on first use, so the list is exactly the names the SQL uses;
/// callers set them in the same order every time, so the next slot is checked before searching by name.
/// </summary>
internal sealed class PreparedStatement(SqliteConnection connection, string sql) : IDisposable
{
    private int _next;

    public SqliteCommand Command { get; } = Create(connection, sql);

    public void Set(string name, object? value)
    {
        var parameters = Command.Parameters;
        var index = _next < parameters.Count && parameters[_next].ParameterName == name ? _next : parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
            index = parameters.Count - 1;
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
        _next = (index + 1) % parameters.Count;
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    public void Dispose() => Command.Dispose();
}
