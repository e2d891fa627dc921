using Npgsql;

namespace StreamPortal.Ingest;

/// <summary>
/// One PostgreSQL batch's stream or session rows: created if missing, locked (FOR UPDATE) and read at the start of
/// the batch, changed in memory, written back whole. A row this batch created counts as new for its first hook.
/// </summary>
internal sealed class LockedRows<TRow> where TRow : class, new()
{
    private readonly RowShape<TRow> _shape;
    private readonly Dictionary<string, TRow> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _new = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    public LockedRows(RowShape<TRow> shape) => _shape = shape;

    public TRow Row(string key) => _rows[key];

    /// <summary>Whether the row is new to the database (created by this batch and not yet projected into); marks it dirty.</summary>
    public bool TakeIsNew(string key)
    {
        _dirty.Add(key);
        return _new.Remove(key);
    }

    public void Flush(NpgsqlConnection connection)
    {
        if (_dirty.Count == 0) return;
        using var batch = new NpgsqlBatch(connection);
        var sql = PostgresRowSql.Update(_shape);
        foreach (var key in _dirty) batch.BatchCommands.Add(Bind(new NpgsqlBatchCommand(sql), _rows[key]));
        batch.ExecuteNonQuery();
        _dirty.Clear();
    }

    /// <summary>Reads again the rows (of those this batch holds) that a statement changed in the database.</summary>
    public void Reload(NpgsqlConnection connection, IEnumerable<string> keys)
    {
        var held = keys.Where(_rows.ContainsKey).ToArray();
        if (held.Length > 0) Read(connection, held);
    }

    public void Load(NpgsqlConnection connection, SortedSet<string> keys)
    {
        if (keys.Count == 0) return;
        // Placeholders for the missing keys, in key order; ON CONFLICT waits for a concurrent creator and then skips.
        using (var insert = new NpgsqlBatch(connection))
        {
            var sql = PostgresRowSql.InsertIfMissing(_shape);
            foreach (var key in keys)
            {
                var placeholder = new TRow();
                _shape.Key.SetText(placeholder, key);
                insert.BatchCommands.Add(Bind(new NpgsqlBatchCommand(sql), placeholder));
            }
            using var reader = insert.ExecuteReader();
            do
            {
                while (reader.Read()) _new.Add(reader.GetString(0));
            }
            while (reader.NextResult());
        }
        Read(connection, keys.ToArray());
        if (_rows.Count != keys.Count) throw new InvalidOperationException($"{_shape.Table}: {keys.Count - _rows.Count} rows vanished while locked.");
    }

    private void Read(NpgsqlConnection connection, string[] keys)
    {
        using var select = new NpgsqlCommand(PostgresRowSql.LockRows(_shape), connection) { Parameters = { new NpgsqlParameter { Value = keys } } };
        using var reader = select.ExecuteReader();
        var columns = _shape.Columns;
        while (reader.Read())
        {
            var row = new TRow();
            for (var i = 0; i < columns.Length; i++) columns[i].Read(reader, i, row);
            _rows[(string)columns[0].Value(row)!] = row;
        }
    }

    private NpgsqlBatchCommand Bind(NpgsqlBatchCommand command, TRow row)
    {
        foreach (var column in _shape.Columns) command.Parameters.Add(new NpgsqlParameter { Value = column.Value(row) ?? DBNull.Value });
        return command;
    }
}

internal static class LockedRows
{
    public static LockedRows<TRow> Load<TRow>(NpgsqlConnection connection, RowShape<TRow> shape, SortedSet<string> keys) where TRow : class, new()
    {
        var rows = new LockedRows<TRow>(shape);
        rows.Load(connection, keys);
        return rows;
    }
}
