using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StreamPortal.Search;

/// <summary>The few ways the indexer and the lookup run their SQL (<see cref="SearchIndexSql"/>) on a connection.</summary>
internal static class SearchCommands
{
    /// <summary>The first column of the first row as a number; null when there is no row or it is NULL.</summary>
    public static long? Scalar(SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(connection, sql, tx, parameters);
        return cmd.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
    }

    public static void Exec(SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(connection, sql, tx, parameters);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Adds the first column of every row, as numbers, to <paramref name="into"/>.</summary>
    public static void ReadIds(SqliteConnection connection, string sql, List<long> into, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(connection, sql, null, parameters);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) into.Add(reader.GetInt64(0));
    }

    /// <summary>One statement run once per value of its one parameter, in the transaction.</summary>
    public static void ExecEach<T>(SqliteConnection connection, SqliteTransaction tx, string sql, string name, SqliteType type, IEnumerable<T> values)
    {
        using var cmd = Command(connection, sql, tx, []);
        var parameter = cmd.Parameters.Add(name, type);
        foreach (var value in values)
        {
            parameter.Value = value;
            cmd.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx, (string Name, object Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }
}
