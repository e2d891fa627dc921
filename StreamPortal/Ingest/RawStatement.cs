using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StreamPortal.Ingest;

/// <summary>
/// A statement prepared on a connection (the writer's, the search indexer's) and run through SQLite's own API:
/// parameters are bound by position (names resolved once), strings as UTF-16 or UTF-8 spans, so a run costs no binder
/// objects, no name look-ups and no managed string conversions. It runs inside the connection's transaction like any
/// command on it.
/// Callers bind every parameter before each <see cref="Execute"/> or <see cref="Step"/>. Slot 0 stands for a
/// parameter the statement does not have: binding it does nothing, so one binder can fill statements that set
/// different subsets of a row's columns (see <see cref="SlotsFor"/>).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly Dictionary<string, int> _slots;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
        var count = raw.sqlite3_bind_parameter_count(_stmt);
        _slots = Enumerable.Range(1, count).ToDictionary(i => raw.sqlite3_bind_parameter_name(_stmt, i).utf8_to_string(), i => i, StringComparer.Ordinal);
    }

    /// <summary>The position of a named parameter, for binding by position afterwards.</summary>
    public int Slot(string name) => _slots.TryGetValue(name, out var slot)
        ? slot
        : throw new InvalidOperationException($"The statement has no parameter {name}.");

    /// <summary>
    /// The positions of the named parameters, in order, checked so that binding them all binds every parameter of the
    /// statement exactly once. With <paramref name="subset"/>, a name the statement does not have gets slot 0.
    /// </summary>
    public int[] SlotsFor(IEnumerable<string> names, bool subset = false)
    {
        var slots = names.Select(name => subset && !_slots.ContainsKey(name) ? 0 : Slot(name)).ToArray();
        var bound = slots.Where(slot => slot != 0).ToArray();
        if (bound.Distinct().Count() != bound.Length || bound.Length != _slots.Count)
            throw new InvalidOperationException("The parameter list does not match the statement's parameters.");
        return slots;
    }

    public void Int(int slot, long? value)
    {
        if (slot != 0) Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, slot, v) : raw.sqlite3_bind_null(_stmt, slot));
    }

    public void Bool(int slot, bool? value) => Int(slot, value is { } b ? (b ? 1 : 0) : null);

    public void Double(int slot, double value)
    {
        if (slot != 0) Check(raw.sqlite3_bind_double(_stmt, slot, value));
    }

    public void Text(int slot, string? value)
    {
        if (slot != 0) Check(value is null ? raw.sqlite3_bind_null(_stmt, slot) : raw.sqlite3_bind_text16(_stmt, slot, value.AsSpan()));
    }

    /// <summary>Text given as UTF-8 bytes (SQLite copies them).</summary>
    public void Utf8(int slot, ReadOnlySpan<byte> value)
    {
        if (slot != 0) Check(raw.sqlite3_bind_text(_stmt, slot, value));
    }

    public void Blob(int slot, ReadOnlySpan<byte> value)
    {
        if (slot != 0) Check(raw.sqlite3_bind_blob(_stmt, slot, value));
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) throw Failure(rc);
    }

    /// <summary>Steps a query: true while a row is there to read; call <see cref="Reset"/> when done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        raw.sqlite3_reset(_stmt);
        throw Failure(rc);
    }

    public void Reset() => raw.sqlite3_reset(_stmt);

    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;
    public string? ColumnText(int column) => IsNull(column) ? null : raw.sqlite3_column_text(_stmt, column).utf8_to_string();
    public long ColumnInt(int column) => raw.sqlite3_column_int64(_stmt, column);
    /// <summary>A text column's UTF-8 bytes (empty for NULL), valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> ColumnUtf8(int column) => raw.sqlite3_column_blob(_stmt, column);
    public long? ColumnIntOrNull(int column) => IsNull(column) ? null : ColumnInt(column);
    public bool? ColumnBoolOrNull(int column) => IsNull(column) ? null : ColumnInt(column) != 0;

    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    /// <summary>Rows the last INSERT, UPDATE or DELETE on the connection changed.</summary>
    public int Changes => raw.sqlite3_changes(_db);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw Failure(rc);
    }

    private SqliteException Failure(int rc) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);

    public void Dispose() => _stmt.Dispose();
}
