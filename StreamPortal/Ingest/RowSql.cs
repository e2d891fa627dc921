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

    /// <summary>Reads and locks the rows whose keys are in $1, in key order (every writer locks in that order).</summary>
    public static string LockRows<TRow>(RowShape<TRow> row) where TRow : class, new() =>
        $"SELECT {Names(row.Columns)} FROM {ProjectionSql.Quote(row.Table)} WHERE {ProjectionSql.Quote(row.Key.Name)} = ANY($1) " +
        $"ORDER BY {ProjectionSql.Quote(row.Key.Name)} COLLATE \"C\" FOR UPDATE";

    /// <summary>Writes every column but the key ($1 the key, then the others in column order).</summary>
    public static string Update<TRow>(RowShape<TRow> row) where TRow : class, new() =>
        $"UPDATE {ProjectionSql.Quote(row.Table)} SET " +
        string.Join(", ", row.Columns.Select((c, i) => (c, i)).Where(x => !x.c.IsKey).Select(x => $"{ProjectionSql.Quote(x.c.Name)} = ${x.i + 1}")) +
        $" WHERE {ProjectionSql.Quote(row.Key.Name)} = $1";

    private static string Names<TRow>(IEnumerable<RowColumn<TRow>> columns) => string.Join(", ", columns.Select(c => ProjectionSql.Quote(c.Name)));
}
