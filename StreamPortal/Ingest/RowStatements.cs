using Microsoft.Data.Sqlite;

namespace StreamPortal.Ingest;

/// <summary>Which statement writes a cached stream or session row back (see <see cref="ProjectionSql.StreamIndexedColumns"/>).</summary>
internal enum RowWrite
{
    /// <summary>A row not stored yet, or one whose indexed columns other than the status changed: every column.</summary>
    Upsert,

    /// <summary>Only columns that no index holds changed: the row's page is the only one written.</summary>
    Unindexed,

    /// <summary>Those and the status: the status indexes' entries move, the other indexes stay untouched.</summary>
    UnindexedAndStatus,
}

/// <summary>One table's three write statements, prepared on the writer's connection, with their column slots.</summary>
internal sealed class RowStatements : IDisposable
{
    private readonly RawStatement[] _statements;
    private readonly int[][] _slots;

    /// <param name="columns">The table's columns in binding order (<see cref="ProjectionSql.Columns"/>).</param>
    public RowStatements(SqliteConnection connection, string columns, string upsert, string unindexed, string withStatus)
    {
        var parameters = ProjectionSql.Columns(columns).Select(c => "$" + c).ToArray();
        _statements = [new(connection, upsert), new(connection, unindexed), new(connection, withStatus)];
        // The upsert sets every column; the updates a subset of them.
        _slots = [.. _statements.Select((s, i) => s.SlotsFor(parameters, subset: i > 0))];
    }

    /// <summary>The statement for a write, and the slot of each column in it (0 where it does not set the column).</summary>
    public (RawStatement Statement, int[] Slots) For(RowWrite how) => (_statements[(int)how], _slots[(int)how]);

    /// <summary>How to write a row whose indexed columns were <paramref name="stored"/> and are now <paramref name="current"/>.</summary>
    /// <param name="storedWithCurrentStatus">The stored columns with only the status replaced by the current one.</param>
    public static RowWrite Choose<TKeys>(TKeys? stored, TKeys current, TKeys storedWithCurrentStatus)
        where TKeys : struct, IEquatable<TKeys> =>
        stored is not { } was ? RowWrite.Upsert
        : was.Equals(current) ? RowWrite.Unindexed
        : storedWithCurrentStatus.Equals(current) ? RowWrite.UnindexedAndStatus
        : RowWrite.Upsert;

    public void Dispose()
    {
        foreach (var statement in _statements) statement.Dispose();
    }
}
