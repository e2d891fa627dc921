using System.Data.Common;
using Npgsql;

namespace StreamPortal.Ingest;

/// <summary>
/// One PostgreSQL batch's stream or session rows: created if missing, locked (FOR UPDATE) and read at the start of
/// the batch, changed in memory, written back whole. A row this batch created counts as new for its first hook.
/// Its statements join the batch's round trips (<see cref="PostgresRoundTrip"/>) instead of making their own.
/// </summary>
internal sealed class LockedRows<TRow> : IBatchRows<TRow> where TRow : class, new()
{
    private readonly PostgresRowStatements<TRow> _sql;
    private readonly PostgresRowCache<TRow> _cache;
    private readonly Dictionary<string, TRow> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _new = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _versions = new(StringComparer.Ordinal);
    private string[] _keys = [];

    public LockedRows(PostgresRowStatements<TRow> sql, PostgresRowCache<TRow> cache) => (_sql, _cache) = (sql, cache);

    public TRow Row(string key) => _rows[key];

    /// <summary>Whether the row is new to the database (created by this batch and not yet projected into); marks it dirty.</summary>
    public bool TakeIsNew(string key)
    {
        _dirty.Add(key);
        return _new.Remove(key);
    }

    /// <summary>
    /// Adds to <paramref name="trip"/> the creation of the missing rows (in key order) and the locking read of all of
    /// them: two statements, the read after the insert so that it sees the rows just created or created meanwhile by a
    /// concurrent writer (whose commit the insert waited for). <see cref="CheckLoaded"/> after the trip.
    /// </summary>
    public void Load(PostgresRoundTrip trip, SortedSet<string> keys)
    {
        if (keys.Count == 0) return;
        _keys = [.. keys];
        trip.Add(_sql.InsertMissing(_keys), reader =>
        {
            while (reader.Read()) _new.Add(reader.GetString(0));
        });
        trip.Add(_sql.LockRows, ReadRows, [_keys]);
    }

    public void CheckLoaded()
    {
        if (_rows.Count != _keys.Length) throw new InvalidOperationException($"{_sql.Table}: {_keys.Length - _rows.Count} rows vanished while locked.");
    }

    /// <summary>Adds the writes of the rows changed since the last flush (one UPDATE each, the same prepared text).</summary>
    public void Flush(PostgresRoundTrip trip)
    {
        foreach (var key in _dirty) trip.Add(_sql.Update(_rows[key]), null);
        _written.UnionWith(_dirty);
        _dirty.Clear();
    }

    /// <summary>
    /// After the commit: hands the rows to the writer's cache, each at the version the database now holds: the
    /// transaction's id for a row it wrote, the version read for the others (see <see cref="PostgresRowCache{TRow}.Keep"/>).
    /// </summary>
    public void Keep(uint transaction, IReadOnlySet<string> changedElsewhere) =>
        _cache.Keep(_rows, key => _written.Contains(key) ? transaction : _versions[key], changedElsewhere);

    /// <summary>Adds a read of every held row again (after a statement changed some of them in the database).</summary>
    public void Reload(PostgresRoundTrip trip)
    {
        if (_keys.Length > 0) trip.Add(_sql.LockRows, ReadRows, [_keys]);
    }

    private void ReadRows(DbDataReader reader)
    {
        var columns = _sql.Columns;
        while (reader.Read())
        {
            var row = new TRow();
            for (var i = 0; i < columns.Length; i++) columns[i].Read(reader, i, row);
            var key = (string)columns[0].Value(row)!;
            _rows[key] = row;
            _versions[key] = reader.GetFieldValue<uint>(columns.Length);
        }
    }
}

/// <summary>
/// A projected table's PostgreSQL statements and their parameters, made once from its <see cref="RowShape{TRow}"/>
/// (see <see cref="PostgresRowSql"/>).
/// </summary>
internal sealed class PostgresRowStatements<TRow> where TRow : class, new()
{
    private readonly RowShape<TRow> _shape;
    private readonly string _insertMissing;
    private readonly object?[] _placeholder;
    private readonly string _update;
    private readonly string _checkedUpdate;
    private readonly string _checkedInsert;

    public PostgresRowStatements(RowShape<TRow> shape)
    {
        _shape = shape;
        // A placeholder is a new row with its key: only its non-NULL columns are named (types come from the values).
        var empty = new TRow();
        var filled = shape.Columns.Where(c => !c.IsKey && c.Value(empty) is not null).ToArray();
        _placeholder = [.. filled.Select(c => c.Value(empty))];
        _insertMissing = PostgresRowSql.InsertMissing(shape, filled);
        LockRows = PostgresRowSql.LockRows(shape);
        _update = PostgresRowSql.Update(shape);
        _checkedUpdate = PostgresRowSql.CheckedUpdate(shape);
        _checkedInsert = PostgresRowSql.CheckedInsert(shape);
    }

    public string Table => _shape.Table;
    public RowColumn<TRow> Key => _shape.Key;
    public RowColumn<TRow>[] Columns => _shape.Columns;
    public string LockRows { get; }

    public NpgsqlBatchCommand InsertMissing(string[] keys)
    {
        var command = new NpgsqlBatchCommand(_insertMissing) { Parameters = { new NpgsqlParameter { Value = keys } } };
        foreach (var value in _placeholder) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    public NpgsqlBatchCommand Update(TRow row) => Whole(_update, row);

    /// <summary>The row written back only if the database still holds <paramref name="version"/> of it.</summary>
    public NpgsqlBatchCommand CheckedUpdate(TRow row, uint version)
    {
        var command = Whole(_checkedUpdate, row);
        command.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = version, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid });
        return command;
    }

    /// <summary>The row inserted only if its key is not there.</summary>
    public NpgsqlBatchCommand CheckedInsert(TRow row) => Whole(_checkedInsert, row);

    /// <summary>A statement whose parameters are the row's columns, in column order.</summary>
    private NpgsqlBatchCommand Whole(string sql, TRow row)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in _shape.Columns) command.Parameters.Add(new NpgsqlParameter { Value = column.Value(row) ?? DBNull.Value });
        return command;
    }
}
