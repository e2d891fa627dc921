namespace StreamPortal.Ingest;

/// <summary>A projected row's statements, made from its <see cref="RowShape{TRow}"/>: each column's parameter is $Column.</summary>
internal static class RowSql
{
    public static string Select<TRow>(RowShape<TRow> row) where TRow : class, new() =>
        $"SELECT {string.Join(", ", row.Columns.Select(c => c.Name))} FROM {row.Table} WHERE {row.Key.Name} = {row.Key.Parameter}";

    /// <summary>Inserts the whole row, or updates every column but the key in place if the key is there.</summary>
    public static string Upsert<TRow>(RowShape<TRow> row) where TRow : class, new() => $"""
        INSERT INTO {row.Table} ({string.Join(", ", row.Columns.Select(c => c.Name))}) VALUES ({string.Join(", ", row.Columns.Select(c => c.Parameter))})
        ON CONFLICT ({row.Key.Name}) DO UPDATE SET {string.Join(", ", row.Columns.Where(c => !c.IsKey).Select(c => $"{c.Name} = excluded.{c.Name}"))}
        """;

    /// <summary>Updates a stored row's columns that no index holds, and its status if <paramref name="withStatus"/>.</summary>
    public static string Update<TRow>(RowShape<TRow> row, bool withStatus) where TRow : class, new()
    {
        var set = row.Columns.Where(c => !c.IsKey && (!c.IsIndexed || (withStatus && c == row.Status)));
        return $"UPDATE {row.Table} SET {string.Join(", ", set.Select(c => $"{c.Name} = {c.Parameter}"))} WHERE {row.Key.Name} = {row.Key.Parameter}";
    }
}

/// <summary>
/// A projected row's PostgreSQL statements (positional parameters, quoted names), for a writer that shares the
/// tables with other instances: rows are created if missing, then locked and read, changed in C#
/// (<see cref="Projector"/>) and written back whole while locked.
/// </summary>
internal static class PostgresRowSql
{
    /// <summary>
    /// Inserts a placeholder row for each key in $1 (sorted) that is not there, in one statement: the key and
    /// <paramref name="filled"/> (the columns whose placeholder value is not NULL, $2... in that order; the others are
    /// left to their NULL default); returns the keys inserted. ON CONFLICT waits for a concurrent creator, then skips.
    /// </summary>
    public static string InsertMissing<TRow>(RowShape<TRow> row, IReadOnlyList<RowColumn<TRow>> filled) where TRow : class, new() => $"""
        INSERT INTO {ProjectionSql.Quote(row.Table)} ({ProjectionSql.Quote(row.Key.Name)}{string.Concat(filled.Select(c => ", " + ProjectionSql.Quote(c.Name)))})
        SELECT k{string.Concat(filled.Select((_, i) => $", ${i + 2}"))} FROM unnest($1::text[]) AS k ORDER BY k COLLATE "C"
        ON CONFLICT ({ProjectionSql.Quote(row.Key.Name)}) DO NOTHING RETURNING {ProjectionSql.Quote(row.Key.Name)}
        """;

    /// <summary>
    /// Reads and locks the rows whose keys are in $1, in key order (every writer locks in that order); each row's
    /// columns, then its version (<c>xmin</c>, see <see cref="CheckedUpdate{TRow}"/>).
    /// </summary>
    public static string LockRows<TRow>(RowShape<TRow> row) where TRow : class, new() =>
        $"SELECT {Names(row.Columns)}, xmin FROM {ProjectionSql.Quote(row.Table)} WHERE {ProjectionSql.Quote(row.Key.Name)} = ANY($1) " +
        $"ORDER BY {ProjectionSql.Quote(row.Key.Name)} COLLATE \"C\" FOR UPDATE";

    /// <summary>Writes every column but the key ($1 the key, then the others in column order).</summary>
    public static string Update<TRow>(RowShape<TRow> row) where TRow : class, new() =>
        $"UPDATE {ProjectionSql.Quote(row.Table)} SET " +
        string.Join(", ", row.Columns.Select((c, i) => (c, i)).Where(x => !x.c.IsKey).Select(x => $"{ProjectionSql.Quote(x.c.Name)} = ${x.i + 1}")) +
        $" WHERE {ProjectionSql.Quote(row.Key.Name)} = $1";

    /// <summary>
    /// <see cref="Update{TRow}"/> only if the row is still the version this writer last saw (its <c>xmin</c>, $n+1,
    /// n the column count), failing the transaction otherwise (<see cref="Stale"/>): a writer that keeps rows between
    /// batches thus writes in the same round trip as its events, and a row another writer changed meanwhile, or
    /// deleted, makes the batch roll back and go the locking way. A concurrent writer's uncommitted change of the row
    /// is waited for, then its new version is the one checked (READ COMMITTED re-reads an updated row).
    /// </summary>
    public static string CheckedUpdate<TRow>(RowShape<TRow> row) where TRow : class, new() =>
        Checked($"{Update(row)} AND xmin = ${row.Columns.Length + 1}");

    /// <summary>Inserts the whole row ($1... in column order), failing the transaction (<see cref="Stale"/>) if the key is there.</summary>
    public static string CheckedInsert<TRow>(RowShape<TRow> row) where TRow : class, new() => Checked(
        $"INSERT INTO {ProjectionSql.Quote(row.Table)} ({Names(row.Columns)}) " +
        $"VALUES ({string.Join(", ", row.Columns.Select((_, i) => $"${i + 1}"))}) ON CONFLICT ({ProjectionSql.Quote(row.Key.Name)}) DO NOTHING");

    /// <summary>
    /// The error a checked write raises when it wrote no row: division by zero, the one error plain SQL can raise from
    /// a value (a function of our own would need a migration on every database), and one no other statement of the
    /// writer can raise, so the error's code alone says a checked write failed (Npgsql does not name the failing
    /// statement of a batch when the error comes with a later result).
    /// </summary>
    public const string Stale = "22012";

    /// <summary>The current transaction's id as the <c>xmin</c> of the rows it writes (the low 32 bits of the 64-bit id).</summary>
    public const string TransactionId = "SELECT pg_current_xact_id()::text::bigint & 4294967295";

    /// <summary>
    /// A write that must change exactly one row, as one statement that returns a row (1) or fails (see <see cref="Stale"/>).
    /// count(*) is not a constant, so the division happens when the statement runs, not when it is planned.
    /// </summary>
    private static string Checked(string write) => $"WITH w AS ({write} RETURNING 1) SELECT 1 / count(*) FROM w";

    private static string Names<TRow>(IEnumerable<RowColumn<TRow>> columns) => string.Join(", ", columns.Select(c => ProjectionSql.Quote(c.Name)));
}
