using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>The PostgreSQL writer's SQL text, made from the same declarations as SQLite's (no server needed).</summary>
public sealed class PostgresSqlTests
{
    private static ProjectedRows Rows()
    {
        using var db = new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql("Host=localhost;Database=model").Options);
        return ProjectedRows.From(db.Model);
    }

    [Fact]
    public void The_event_insert_takes_a_batch_as_one_array_per_column_with_the_ids_first()
    {
        var sql = ProjectionSql.PostgresInsertEvents;
        foreach (var column in ProjectionSql.EventColumns) Assert.Contains($"\"{column}\"", sql);
        Assert.StartsWith("INSERT INTO \"Events\" (\"Id\", ", sql);
        Assert.Contains("unnest($1::bigint[], ", sql);
        // The ids, then every column: one array parameter each, typed as the binding binds it.
        Assert.Contains($"${ProjectionSql.EventColumns.Length + 1}::", sql);
        Assert.DoesNotContain($"${ProjectionSql.EventColumns.Length + 2}", sql);
        Assert.Equal(ProjectionSql.EventColumns.Length, PostgresEventColumns.ArrayTypes.Length);
        Assert.Equal("double precision[]", PostgresEventColumns.ArrayTypes[Array.IndexOf(ProjectionSql.EventColumns, "LatencyMs")]);
        Assert.Equal("text[]", PostgresEventColumns.ArrayTypes[Array.IndexOf(ProjectionSql.EventColumns, "Body")]);
        // The keys are looked up from their strings by the statement itself.
        Assert.Contains("WHERE k.\"Value\" = u.\"SessionId\")", sql);
        Assert.Contains("WHERE k.\"Value\" = u.\"MediaSessionId\")", sql);
        Assert.Contains("WHERE k.\"Value\" = u.\"Name\")", sql);
    }

    [Fact]
    public void Rows_are_created_if_missing_then_locked_in_key_order_and_written_back_whole()
    {
        var stream = Rows().Stream;
        var filled = stream.Columns.Where(c => c.Name is "EventCount" or "FirstSeenMs").ToArray();
        var insert = PostgresRowSql.InsertMissing(stream, filled);
        Assert.Contains("ON CONFLICT (\"MediaSessionId\") DO NOTHING RETURNING \"MediaSessionId\"", insert);
        Assert.Contains("FROM unnest($1::text[]) AS k ORDER BY k COLLATE \"C\"", insert);
        Assert.Contains("SELECT k, $2, $3 FROM", insert);
        Assert.DoesNotContain("$4", insert);
        var lockRows = PostgresRowSql.LockRows(stream);
        Assert.Contains("= ANY($1)", lockRows);
        Assert.EndsWith("ORDER BY \"MediaSessionId\" COLLATE \"C\" FOR UPDATE", lockRows);
        var update = PostgresRowSql.Update(stream);
        Assert.EndsWith("WHERE \"MediaSessionId\" = $1", update);
        // Every column but the key is set, each from its own position.
        Assert.Equal(stream.Columns.Length - 1, update.Split(" = $").Length - 2);
        foreach (var column in stream.Columns.Where(c => !c.IsKey)) Assert.Contains($"\"{column.Name}\" = $", update);
    }

    [Fact]
    public void A_checked_write_names_the_version_after_the_columns_and_fails_when_it_writes_no_row()
    {
        var stream = Rows().Stream;
        var update = PostgresRowSql.CheckedUpdate(stream);
        Assert.StartsWith("WITH w AS (" + PostgresRowSql.Update(stream) + $" AND xmin = ${stream.Columns.Length + 1} RETURNING 1)", update);
        Assert.EndsWith("SELECT 1 / count(*) FROM w", update);
        var insert = PostgresRowSql.CheckedInsert(stream);
        Assert.Contains($"VALUES ($1, ", insert);
        Assert.Contains($"${stream.Columns.Length})", insert);
        Assert.DoesNotContain($"${stream.Columns.Length + 1}", insert);
        Assert.Contains("ON CONFLICT (\"MediaSessionId\") DO NOTHING RETURNING 1", insert);
        Assert.EndsWith(", xmin FROM \"Streams\" WHERE \"MediaSessionId\" = ANY($1) ORDER BY \"MediaSessionId\" COLLATE \"C\" FOR UPDATE", PostgresRowSql.LockRows(stream));
    }

    [Fact]
    public void The_dialects_differ_only_where_they_must()
    {
        Assert.Contains("GREATEST(\"LastSeenMs\", $3)", ProjectionSql.PostgresEndSessionStreams);
        Assert.Contains("MAX(LastSeenMs, $now)", ProjectionSql.EndSessionStreams);
        Assert.Contains("\"EndedWithSession\" = true", ProjectionSql.PostgresEndSessionStreams);
        Assert.Contains("ON CONFLICT (\"Value\") DO NOTHING", ProjectionSql.PostgresInsertKeys);
    }
}
