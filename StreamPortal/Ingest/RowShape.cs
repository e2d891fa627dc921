using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StreamPortal.Ingest;

/// <summary>
/// A projected row's columns as the writer binds, reads and compares them, resolved once at start from the EF model,
/// which is their only declaration (the entity's properties, its configuration's key and indexes): every mapped
/// property is a column, named as the model maps it. Statements, binding order, reading order and the indexed
/// values kept with a cached row all follow <see cref="Columns"/>, so no column is listed a second time.
/// </summary>
internal sealed class RowShape<TRow> where TRow : class, new()
{
    private RowShape(string table, RowColumn<TRow>[] columns, int statusIndex)
    {
        Table = table;
        Columns = columns;
        Indexed = [.. columns.Where(c => c.IsIndexed)];
        StatusIndex = statusIndex;
    }

    public string Table { get; }

    /// <summary>Every column, the key first; the order of every statement's columns and parameters.</summary>
    public RowColumn<TRow>[] Columns { get; }

    public RowColumn<TRow> Key => Columns[0];

    /// <summary>The columns an index holds besides the key (see <see cref="RowWrite"/>), in <see cref="Columns"/> order.</summary>
    public RowColumn<TRow>[] Indexed { get; }

    /// <summary>The position in <see cref="Indexed"/> of the status: the indexed column that moves in a row's life.</summary>
    public int StatusIndex { get; }

    public RowColumn<TRow> Status => Indexed[StatusIndex];

    /// <summary>Resolves the row from the EF model, refusing what the writer cannot bind.</summary>
    /// <param name="statusProperty">The indexed property that <see cref="RowWrite.UnindexedAndStatus"/> sets.</param>
    public static RowShape<TRow> From(IModel model, string statusProperty)
    {
        var entity = model.FindEntityType(typeof(TRow)) ?? throw Refused("is not in the EF model");
        var table = entity.GetTableMappings().Select(m => m.Table).SingleOrDefault() ?? throw Refused("is not mapped to one table");
        if (entity.FindPrimaryKey() is not { Properties: [var key] })
            throw Refused("has no single-column primary key");
        if (key.ClrType != typeof(string)) throw Refused("has a key that is not a string (rows are looked up by text)");
        // Columns an index holds; the key's own index does not count, as no write changes the key.
        var indexed = table.Indexes.SelectMany(i => i.Columns).Select(c => c.Name).Where(c => c != Column(table, key)).ToHashSet(StringComparer.Ordinal);
        var columns = new List<RowColumn<TRow>>();
        foreach (var property in entity.GetProperties().OrderBy(p => p != key))
        {
            if (property.PropertyInfo is not { } info) throw Refused($"maps {property.Name}, which is not a property");
            if (property.GetTypeMapping().Converter is not null)
                throw Refused($"converts {property.Name} to store it; the writer binds properties as they are");
            var name = Column(table, property);
            columns.Add(RowColumn<TRow>.For(info, name, property == key, indexed.Contains(name)));
        }
        if (table.Columns.Count() != columns.Count) throw Refused("shares its table with other columns");
        var statusIndex = Array.FindIndex([.. columns.Where(c => c.IsIndexed)], c => c.Name == Column(table, entity.GetProperty(statusProperty)));
        if (statusIndex < 0) throw Refused($"has no index holding {statusProperty}");
        return new RowShape<TRow>(table.Name, [.. columns], statusIndex);
    }

    /// <summary>
    /// Checks the database's table against the shape: the same columns and the same indexed columns, so that a
    /// missing migration fails at start rather than writing rows whose index entries the writer believes untouched.
    /// </summary>
    public void CheckAgainst(SqliteConnection connection)
    {
        var stored = Names(connection, "SELECT name FROM pragma_table_info($table)");
        var storedIndexed = Names(connection, "SELECT DISTINCT i.name FROM pragma_index_list($table) l, pragma_index_info(l.name) i WHERE l.origin <> 'pk'");
        if (!stored.SetEquals(Columns.Select(c => c.Name)) || !storedIndexed.SetEquals(Indexed.Select(c => c.Name)))
            throw new InvalidOperationException(
                $"The database's table {Table} (columns {string.Join(", ", stored.Order())}; indexed {string.Join(", ", storedIndexed.Order())}) " +
                $"is not the EF model's (columns {string.Join(", ", Columns.Select(c => c.Name).Order())}; indexed {string.Join(", ", Indexed.Select(c => c.Name).Order())}): " +
                "is a migration missing?");
    }

    /// <summary>How to write a row whose indexed columns were <paramref name="stored"/> (when <paramref name="isStored"/>).</summary>
    public RowWrite Choose(TRow row, IndexedValue[] stored, bool isStored)
    {
        if (!isStored) return RowWrite.Upsert;
        var statusMoved = false;
        for (var i = 0; i < Indexed.Length; i++)
        {
            if (Indexed[i].Holds(row, stored[i])) continue;
            if (i != StatusIndex) return RowWrite.Upsert;
            statusMoved = true;
        }
        return statusMoved ? RowWrite.UnindexedAndStatus : RowWrite.Unindexed;
    }

    /// <summary>Takes the row's indexed values as it is being stored, into <paramref name="stored"/> (in place).</summary>
    public void Remember(TRow row, IndexedValue[] stored)
    {
        for (var i = 0; i < Indexed.Length; i++) stored[i] = Indexed[i].Take(row);
    }

    public IndexedValue[] NewStoredValues() => new IndexedValue[Indexed.Length];

    private static string Column(ITable table, IProperty property) =>
        table.FindColumn(property)?.Name ?? throw Refused($"does not map {property.Name} to a column of {table.Name}");

    private HashSet<string> Names(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$table", Table);
        using var reader = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static InvalidOperationException Refused(string why) =>
        new($"The writer cannot project {typeof(TRow).Name}: the entity {why}.");
}
