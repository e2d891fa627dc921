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
    public void The_event_insert_binds_every_event_column_once_by_position_and_returns_the_id()
    {
        var sql = ProjectionSql.PostgresInsertEvent;
        foreach (var column in ProjectionSql.EventColumns) Assert.Contains($"\"{column}\"", sql);
        Assert.Contains($"${ProjectionSql.EventColumns.Length})", sql);
        Assert.DoesNotContain($"${ProjectionSql.EventColumns.Length + 1}", sql);
        Assert.EndsWith("RETURNING \"Id\"", sql);
    }

    [Fact]
    public void Rows_are_created_if_missing_then_locked_in_key_order_and_written_back_whole()
    {
        var stream = Rows().Stream;
        var insert = PostgresRowSql.InsertIfMissing(stream);
        Assert.Contains("ON CONFLICT (\"MediaSessionId\") DO NOTHING RETURNING \"MediaSessionId\"", insert);
        Assert.Contains($"${stream.Columns.Length})", insert);
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
    public void The_dialects_differ_only_where_they_must()
    {
        Assert.Contains("GREATEST(\"LastSeenMs\", $3)", ProjectionSql.PostgresEndSessionStreams);
        Assert.Contains("MAX(LastSeenMs, $now)", ProjectionSql.EndSessionStreams);
        Assert.Contains("\"EndedWithSession\" = true", ProjectionSql.PostgresEndSessionStreams);
        Assert.Contains("ON CONFLICT (\"Value\") DO NOTHING", ProjectionSql.PostgresInsertKeys);
    }
}
