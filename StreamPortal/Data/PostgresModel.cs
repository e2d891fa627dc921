using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data;

/// <summary>Where the PostgreSQL model differs from the shared configurations (Data/Configurations), and why.</summary>
internal static class PostgresModel
{
    public static void Adapt(ModelBuilder modelBuilder)
    {
        // Ids come from the database (identity columns), unique across every instance writing to it; SQLite's rowid
        // plays that part there, which EF is told nothing about (see HookEventConfiguration).
        modelBuilder.Entity<HookEvent>().Property(x => x.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
        modelBuilder.Entity<EventKey>().Property(x => x.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();

        var events = modelBuilder.Entity<HookEvent>().Metadata;
        foreach (var index in events.GetIndexes().ToList()) EndWithId(events, index);
    }

    /// <summary>
    /// SQLite ends every index with the rowid, so "this stream's events, newest first, one page" is one range scan of
    /// (NameKey); PostgreSQL needs the id in the index for that, so every Events index gets it as its last column.
    /// Partial-index filters are rewritten with quoted identifiers (PostgreSQL folds unquoted names to lower case).
    /// </summary>
    private static void EndWithId(IMutableEntityType events, IMutableIndex index)
    {
        var id = events.FindProperty(nameof(HookEvent.Id))!;
        var properties = index.Properties.Append(id).ToList();
        var name = index.GetDatabaseName();
        var filter = index.GetFilter();
        var unique = index.IsUnique;
        events.RemoveIndex(index);
        var replaced = events.AddIndex(properties);
        replaced.IsUnique = unique;
        if (filter is not null) replaced.SetFilter(QuoteIdentifiers(filter, index.Properties.Select(p => p.GetColumnName())));
        // Keeps the SQLite name where one was chosen (IX_Events_AnswerStatus_Not200), so both stores name it alike.
        if (name is not null && name.EndsWith("_Not200", StringComparison.Ordinal)) replaced.SetDatabaseName(name);
    }

    internal static string QuoteIdentifiers(string filter, IEnumerable<string> columns) =>
        columns.Aggregate(filter, (sql, column) => System.Text.RegularExpressions.Regex.Replace(sql, $@"(?<![""\w]){column}(?![""\w])", $"\"{column}\""));
}
