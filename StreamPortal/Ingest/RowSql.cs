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
