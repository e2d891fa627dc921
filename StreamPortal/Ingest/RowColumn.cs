using System.Data.Common;
using System.Reflection;

namespace StreamPortal.Ingest;

/// <summary>
/// One column of a projected row: its name in the table, whether it is the key or an index holds it, and typed
/// access to the row's property. The accessors are delegates made once at start, one kind per SQLite storage class,
/// so binding, reading and comparing a row neither reflects nor boxes.
/// </summary>
internal abstract class RowColumn<TRow>(string name, bool isKey, bool isIndexed)
{
    public string Name { get; } = name;
    public bool IsKey { get; } = isKey;

    /// <summary>Whether an index other than the key's holds this column.</summary>
    public bool IsIndexed { get; } = isIndexed;

    /// <summary>The statement parameter that carries this column.</summary>
    public string Parameter { get; } = "$" + name;

    public abstract void Bind(RawStatement statement, int slot, TRow row);

    /// <summary>Sets the row's property from result column <paramref name="column"/> of a stepped statement.</summary>
    public abstract void Read(RawStatement statement, int column, TRow row);

    public abstract IndexedValue Take(TRow row);

    /// <summary>The row's value as a parameter value for ADO.NET (PostgreSQL's writer; boxing is fine there).</summary>
    public abstract object? Value(TRow row);

    /// <summary>Sets a text column (the key of a new row).</summary>
    public virtual void SetText(TRow row, string value) => throw new InvalidOperationException($"{Name} is not a text column.");

    /// <summary>Sets the row's property from column <paramref name="column"/> of an ADO.NET reader.</summary>
    public abstract void Read(DbDataReader reader, int column, TRow row);

    /// <summary>Whether the row still has the value <paramref name="stored"/> (strings compared ordinally).</summary>
    public abstract bool Holds(TRow row, in IndexedValue stored);

    /// <summary>The column for a property, by the property's type; other types are refused at start.</summary>
    public static RowColumn<TRow> For(PropertyInfo property, string name, bool isKey, bool isIndexed)
    {
        var type = property.PropertyType;
        if (type == typeof(string))
            return new TextColumn(name, isKey, isIndexed, Getter<string?>(property), Setter<string?>(property));
        if (type == typeof(long?))
            return new IntegerColumn(name, isKey, isIndexed, Getter<long?>(property), Setter<long?>(property));
        if (type == typeof(long))
        {
            var (get, set) = (Getter<long>(property), Setter<long>(property));
            // The schema makes a non-nullable property's column NOT NULL; 0 is what SQLite reads a NULL as anyway.
            return new IntegerColumn(name, isKey, isIndexed, r => get(r), (r, v) => set(r, v.GetValueOrDefault()));
        }
        if (type == typeof(int?))
        {
            var (get, set) = (Getter<int?>(property), Setter<int?>(property));
            return new IntegerColumn(name, isKey, isIndexed, r => get(r), (r, v) => set(r, (int?)v));
        }
        if (type == typeof(int))
        {
            var (get, set) = (Getter<int>(property), Setter<int>(property));
            return new IntegerColumn(name, isKey, isIndexed, r => get(r), (r, v) => set(r, (int)v.GetValueOrDefault()));
        }
        if (type == typeof(bool?))
            return new BoolColumn(name, isKey, isIndexed, Getter<bool?>(property), Setter<bool?>(property));
        if (type == typeof(bool))
        {
            var (get, set) = (Getter<bool>(property), Setter<bool>(property));
            return new BoolColumn(name, isKey, isIndexed, r => get(r), (r, v) => set(r, v.GetValueOrDefault()));
        }
        throw new InvalidOperationException(
            $"{typeof(TRow).Name}.{property.Name} is a {type.Name}: the writer binds only string, long, int and bool columns (nullable or not).");
    }

    private static Func<TRow, T> Getter<T>(PropertyInfo property) =>
        (property.GetMethod is { IsPublic: true } get ? get : throw NoAccessor(property, "getter")).CreateDelegate<Func<TRow, T>>();

    private static Action<TRow, T> Setter<T>(PropertyInfo property) =>
        (property.SetMethod is { IsPublic: true } set ? set : throw NoAccessor(property, "setter")).CreateDelegate<Action<TRow, T>>();

    private static InvalidOperationException NoAccessor(PropertyInfo property, string what) =>
        new($"{typeof(TRow).Name}.{property.Name} has no public {what}: the writer reads rows into and writes them from properties.");

    private sealed class TextColumn(string name, bool isKey, bool isIndexed, Func<TRow, string?> get, Action<TRow, string?> set)
        : RowColumn<TRow>(name, isKey, isIndexed)
    {
        public override void Bind(RawStatement statement, int slot, TRow row) => statement.Text(slot, get(row));
        public override void Read(RawStatement statement, int column, TRow row) => set(row, statement.ColumnText(column));
        public override IndexedValue Take(TRow row) => new(get(row), null);
        public override bool Holds(TRow row, in IndexedValue stored) => string.Equals(get(row), stored.Text, StringComparison.Ordinal);
        public override object? Value(TRow row) => get(row);
        public override void SetText(TRow row, string value) => set(row, value);
        public override void Read(DbDataReader reader, int column, TRow row) => set(row, reader.IsDBNull(column) ? null : reader.GetString(column));
    }

    private sealed class IntegerColumn(string name, bool isKey, bool isIndexed, Func<TRow, long?> get, Action<TRow, long?> set)
        : RowColumn<TRow>(name, isKey, isIndexed)
    {
        public override void Bind(RawStatement statement, int slot, TRow row) => statement.Int(slot, get(row));
        public override void Read(RawStatement statement, int column, TRow row) => set(row, statement.ColumnIntOrNull(column));
        public override IndexedValue Take(TRow row) => new(null, get(row));
        public override bool Holds(TRow row, in IndexedValue stored) => get(row) == stored.Integer;
        public override object? Value(TRow row) => get(row);
        // An int property's column is an integer, a long's a bigint: both read as long here.
        public override void Read(DbDataReader reader, int column, TRow row) =>
            set(row, reader.IsDBNull(column) ? null : Convert.ToInt64(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class BoolColumn(string name, bool isKey, bool isIndexed, Func<TRow, bool?> get, Action<TRow, bool?> set)
        : RowColumn<TRow>(name, isKey, isIndexed)
    {
        public override void Bind(RawStatement statement, int slot, TRow row) => statement.Bool(slot, get(row));
        public override void Read(RawStatement statement, int column, TRow row) => set(row, statement.ColumnBoolOrNull(column));
        public override IndexedValue Take(TRow row) => new(null, AsInteger(get(row)));
        public override bool Holds(TRow row, in IndexedValue stored) => AsInteger(get(row)) == stored.Integer;
        public override object? Value(TRow row) => get(row);
        public override void Read(DbDataReader reader, int column, TRow row) => set(row, reader.IsDBNull(column) ? null : reader.GetBoolean(column));
        private static long? AsInteger(bool? value) => value is { } b ? (b ? 1 : 0) : null;
    }
}
