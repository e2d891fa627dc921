using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// Every column of a stream and a session row goes through the writer's statements into a real SQLite file and comes
/// back, through the writer's reader and through EF. The rows are made by reflection over the entity, so a column
/// added later is covered without touching this test: every column gets a value no other column of its type has
/// (booleans, having only two, take turns being the one true), so two bindings or reads swapped fail.
/// </summary>
public sealed class RowRoundTripTests : IAsyncLifetime
{
    private WriterDatabase _database = null!;

    public async Task InitializeAsync() => _database = await WriterDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public Task A_stream_row_comes_back_with_every_column() => RoundTrip(_database.Commands.Streams, db => db.Streams, "Streams");

    [Fact]
    public Task A_session_row_comes_back_with_every_column() => RoundTrip(_database.Commands.Sessions, db => db.Sessions, "Sessions");

    private async Task RoundTrip<TRow>(RowStatements<TRow> statements, Func<PortalDbContext, IQueryable<TRow>> table, string tableName)
        where TRow : class, new()
    {
        var properties = typeof(TRow).GetProperties();
        var columns = _database.Query($"SELECT name FROM pragma_table_info('{tableName}')").Select(r => (string)r[0]!).ToArray();
        // The table's columns are the entity's properties, by name: comparing every property compares every column.
        Assert.Equal(columns.Order(), properties.Select(p => p.Name).Order());
        var indexed = _database.Query($"""
            SELECT DISTINCT i.name FROM pragma_index_list('{tableName}') l, pragma_index_info(l.name) i WHERE l.origin <> 'pk'
            """).Select(r => (string)r[0]!).ToHashSet();
        var key = Key<TRow>();
        var booleans = properties.Where(p => Of(p) == typeof(bool)).ToList();

        for (var hot = 0; hot < Math.Max(1, booleans.Count); hot++)
        {
            var row = Sample<TRow>(hot, round: 0, booleans);
            var id = (string)key.GetValue(row)!;
            Write(statements, row, RowWrite.Upsert);
            await AssertStored(statements, table, id, row, "upsert of a new row");

            // Each update statement with every column but the key changed: it must set exactly its columns.
            var unindexed = Sample<TRow>(hot, round: 1, booleans, id);
            Write(statements, unindexed, RowWrite.Unindexed);
            await AssertStored(statements, table, id, Mix(row, unindexed, c => !indexed.Contains(c)), "unindexed update");

            var status = Sample<TRow>(hot, round: 2, booleans, id);
            Write(statements, status, RowWrite.UnindexedAndStatus);
            await AssertStored(statements, table, id, Mix(row, status, c => !indexed.Contains(c) || c == "Status"), "update with the status");

            var whole = Sample<TRow>(hot, round: 3, booleans, id);
            Write(statements, whole, RowWrite.Upsert);
            await AssertStored(statements, table, id, whole, "upsert of a stored row");
        }
    }

    /// <summary>
    /// A row whose every column has a value of its own: strings name their column, integers are apart (longs beyond
    /// the range of int, so that a narrowing would show), the boolean <paramref name="hot"/> is the odd one out.
    /// </summary>
    private static TRow Sample<TRow>(int hot, int round, List<PropertyInfo> booleans, string? key = null) where TRow : new()
    {
        var row = new TRow();
        var properties = typeof(TRow).GetProperties();
        for (var i = 0; i < properties.Length; i++)
        {
            var p = properties[i];
            var type = Of(p);
            object value =
                type == typeof(string) ? $"{p.Name}-{hot}-{round}"
                : type == typeof(int) ? 1_000 * (round + 1) + i
                : type == typeof(long) ? 10_000_000_000L * (round + 1) + i
                : type == typeof(bool) ? (booleans.IndexOf(p) == hot) ^ (round % 2 == 1)
                : throw new InvalidOperationException($"No sample for {p.PropertyType.Name} {p.Name}.");
            p.SetValue(row, value);
        }
        if (key is not null) Key<TRow>().SetValue(row, key);
        return row;
    }

    /// <summary>The row the database should hold: <paramref name="next"/>'s value where the statement sets a column.</summary>
    private static TRow Mix<TRow>(TRow before, TRow next, Func<string, bool> set) where TRow : new()
    {
        var row = new TRow();
        foreach (var p in typeof(TRow).GetProperties()) p.SetValue(row, p.GetValue(set(p.Name) ? next : before));
        return row;
    }

    private void Write<TRow>(RowStatements<TRow> statements, TRow row, RowWrite how) where TRow : class, new()
    {
        _database.Commands.Begin();
        statements.Write(row, how);
        _database.Commands.Commit();
    }

    private async Task AssertStored<TRow>(RowStatements<TRow> statements, Func<PortalDbContext, IQueryable<TRow>> table, string id, TRow expected, string after)
        where TRow : class, new()
    {
        AssertColumns(expected, statements.Load(id), $"the writer's reader after the {after}");
        await using var db = _database.NewContext();
        var name = Key<TRow>().Name;
        AssertColumns(expected, await table(db).AsNoTracking().SingleOrDefaultAsync(r => EF.Property<string>(r, name) == id), $"EF after the {after}");
    }

    private static void AssertColumns<TRow>(TRow expected, TRow? actual, string how)
    {
        Assert.NotNull(actual);
        foreach (var p in typeof(TRow).GetProperties())
        {
            var (want, got) = (p.GetValue(expected), p.GetValue(actual));
            Assert.True(Equals(want, got), $"{how}: {typeof(TRow).Name}.{p.Name} is {got ?? "null"}, not {want}.");
        }
    }

    private static PropertyInfo Key<TRow>()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model.FindEntityType(typeof(TRow))!.FindPrimaryKey()!.Properties.Single().PropertyInfo!;
    }

    private static Type Of(PropertyInfo p) => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
}
