using Microsoft.Data.Sqlite;

namespace StreamPortal.Ingest;

/// <summary>Which statement writes a cached stream or session row back (see <see cref="RowShape{TRow}.Indexed"/>).</summary>
internal enum RowWrite
{
    /// <summary>A row not stored yet, or one whose indexed columns other than the status changed: every column.</summary>
    Upsert,

    /// <summary>Only columns that no index holds changed: the row's page is the only one written.</summary>
    Unindexed,

    /// <summary>Those and the status: the status indexes' entries move, the other indexes stay untouched.</summary>
    UnindexedAndStatus,
}

/// <summary>
/// One projected table's statements, prepared on the writer's connection from its <see cref="RowShape{TRow}"/>: the
/// select that reads a row by key and the three writes, with each column's slot in them. SQLite rewrites a row's
/// entry in every index whose column an UPDATE sets, even to the same value, so the writer sets indexed columns
/// only when they changed.
/// </summary>
internal sealed class RowStatements<TRow> : IDisposable where TRow : class, new()
{
    private readonly RawStatement _select;
    private readonly int _selectKeySlot;
    private readonly RawStatement[] _writes;
    private readonly int[][] _slots;

    public RowStatements(SqliteConnection connection, RowShape<TRow> shape)
    {
        shape.CheckAgainst(connection);
        Shape = shape;
        _select = new RawStatement(connection, RowSql.Select(shape));
        _selectKeySlot = _select.SlotsFor([shape.Key.Parameter])[0];
        _writes = [new(connection, RowSql.Upsert(shape)), new(connection, RowSql.Update(shape, withStatus: false)), new(connection, RowSql.Update(shape, withStatus: true))];
        // The upsert sets every column; the updates a subset of them (slot 0 for the others: binding it does nothing).
        var parameters = shape.Columns.Select(c => c.Parameter).ToArray();
        _slots = [.. _writes.Select((s, i) => s.SlotsFor(parameters, subset: i > 0))];
    }

    public RowShape<TRow> Shape { get; }

    /// <returns>The stored row, or null.</returns>
    public TRow? Load(string key)
    {
        var s = _select;
        s.Text(_selectKeySlot, key);
        try
        {
            if (!s.Step()) return null;
            var row = new TRow();
            var columns = Shape.Columns;
            for (var i = 0; i < columns.Length; i++) columns[i].Read(s, i, row);
            return row;
        }
        finally
        {
            s.Reset();
        }
    }

    /// <summary>Binds every column in <see cref="RowShape{TRow}.Columns"/> order; the statement takes those it sets.</summary>
    public void Write(TRow row, RowWrite how)
    {
        var s = _writes[(int)how];
        var slots = _slots[(int)how];
        var columns = Shape.Columns;
        for (var i = 0; i < columns.Length; i++) columns[i].Bind(s, slots[i], row);
        s.Execute();
        // A row gone from under the cache (nothing else deletes them today) is written whole again, not lost.
        if (how != RowWrite.Upsert && s.Changes == 0) Write(row, RowWrite.Upsert);
    }

    public void Dispose()
    {
        _select.Dispose();
        foreach (var statement in _writes) statement.Dispose();
    }
}
