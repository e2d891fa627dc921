using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StreamPortal.Data;
using StreamPortal.Data.Queries;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Data;

/// <summary>
/// The Events and Streams list pages on PostgreSQL are answered from indexes, not by reading whole tables: the EF
/// queries the API runs are explained by PostgreSQL's planner on the migrated schema, after seeding a realistic mix
/// and ANALYZE (the planner's statistics; autovacuum keeps them in production).
/// </summary>
public sealed class PostgresQueryPlanTests : IAsyncLifetime
{
    private PostgresPortalFactory? _factory;

    private PostgresPortalFactory Factory => _factory ??= new PostgresPortalFactory();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }

    private async Task SeedAsync()
    {
        _ = Factory.Server;
        await using var connection = new NpgsqlConnection(Factory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO "EventKeys" ("Value") SELECT 's' || i FROM generate_series(0, 1999) i
                UNION SELECT 'm' || i FROM generate_series(0, 3999) i UNION SELECT 'stream-' || i FROM generate_series(0, 999) i;
            INSERT INTO "Events" ("ReceivedAtMs", "App", "Method", "Kind", "AppKey", "SessionId", "MediaSessionId", "Name",
                "SessionKey", "MediaSessionKey", "NameKey", "Status", "AnswerStatus", "RuleId", "DelayMs", "LatencyMs", "Rejected")
            SELECT 1700000000000 + i * 100, 'my_api',
                CASE i % 4 WHEN 0 THEN 'connect' WHEN 1 THEN 'StreamStatusEvent' WHEN 2 THEN 'publishStream' ELSE 'StreamKeepAliveEvent' END,
                CASE i % 4 WHEN 0 THEN 1 WHEN 2 THEN 2 ELSE 3 END,
                'app' || (i % 3), 's' || (i % 2000), 'm' || (i % 4000), 'stream-' || (i % 1000),
                (SELECT "Id" FROM "EventKeys" WHERE "Value" = 's' || (i % 2000)),
                (SELECT "Id" FROM "EventKeys" WHERE "Value" = 'm' || (i % 4000)),
                (SELECT "Id" FROM "EventKeys" WHERE "Value" = 'stream-' || (i % 1000)),
                CASE i % 3 WHEN 0 THEN 'PUBLISHING' WHEN 1 THEN 'PLAYING' ELSE 'STOPPED' END,
                CASE WHEN i % 100 = 0 THEN 403 ELSE 200 END, CASE WHEN i % 100 = 0 THEN 1 END, 0, 0.5, i % 500 = 0
            FROM generate_series(1, 20000) i;
            INSERT INTO "Streams" ("MediaSessionId", "Name", "SessionId", "AppKey", "Published", "Status", "FirstSeenMs", "LastSeenMs", "LastEventId", "EventCount", "EndedWithSession")
            SELECT 'm' || i, 'stream-' || (i % 1000), 's' || (i % 2000), 'app' || (i % 3), i % 2 = 0, 'PUBLISHING', 1700000000000 + i, 1700000000000 + i, i, 1, false
            FROM generate_series(1, 20000) i;
            ANALYZE;
            """, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public static TheoryData<string> EventFilters => new() { "none", "stream", "sessionId", "mediaSessionId", "answerStatus", "ruleId", "rejected", "to" };

    private static EventFilter FilterFor(string name) => name switch
    {
        "none" => new(),
        "stream" => new() { Stream = "stream-7" },
        "sessionId" => new() { SessionId = "s7" },
        "mediaSessionId" => new() { MediaSessionId = "m7" },
        "answerStatus" => new() { AnswerStatus = 403 },
        "ruleId" => new() { RuleId = 1 },
        "rejected" => new() { Rejected = true },
        "to" => new() { ToMs = 1_700_000_100_000 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [PostgresFact]
    public async Task The_events_and_streams_list_pages_use_indexes()
    {
        await SeedAsync();
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.IsType<PostgresPortalDbContext>(db);
        foreach (var name in EventFilters)
        {
            var f = FilterFor(name);
            var query = EventQueries.Apply(db.Events.AsNoTracking(), db, f);
            var page = EventQueries.NewestFirst(query, f).Take(50).Select(e => e.Id).ToQueryString();
            var plan = await ExplainAsync(page);
            Assert.True(UsesIndexOnEvents(plan), $"{name}: {plan} FOR {page}");
        }
        foreach (var sort in new[] { "firstSeen", "name" })
        {
            var streams = StreamQueries.Sort(StreamQueries.Apply(db.Streams.AsNoTracking(), new StreamFilter { Sort = sort }), new StreamFilter { Sort = sort })
                .Take(50).Select(s => s.MediaSessionId).ToQueryString();
            var plan = await ExplainAsync(streams);
            Assert.True(plan.Contains("Index", StringComparison.Ordinal) && !plan.Contains("Seq Scan on \"Streams\"", StringComparison.Ordinal), $"{sort}: {plan} FOR {streams}");
        }
        // An app's publishers, newest first: read in order from an index, no sort (the planner may walk the time index
        // and filter when matches are dense, as they are here, or take the app's own).
        var mine = new StreamFilter { AppKey = "app1", Published = true };
        var publishers = StreamQueries.Sort(StreamQueries.Apply(db.Streams.AsNoTracking(), mine), mine).Take(50).Select(s => s.MediaSessionId).ToQueryString();
        var publishersPlan = await ExplainAsync(publishers);
        Assert.True(publishersPlan.Contains("Index", StringComparison.Ordinal) && !publishersPlan.Contains("Sort", StringComparison.Ordinal) &&
                    !publishersPlan.Contains("Seq Scan", StringComparison.Ordinal),
            $"{publishersPlan} FOR {publishers}");
    }

    private static bool UsesIndexOnEvents(string plan) =>
        plan.Contains("Index", StringComparison.Ordinal) && !plan.Contains("Seq Scan on \"Events\"", StringComparison.Ordinal);

    private static async Task<NpgsqlDataReader> ExecuteAsync(NpgsqlCommand cmd, string efSql)
    {
        try { return await cmd.ExecuteReaderAsync(); }
        catch (PostgresException ex) { throw new InvalidOperationException(ex.Message + " IN " + efSql, ex); }
    }

    /// <summary>EXPLAIN of an EF query: ToQueryString writes its parameters as "-- @name='value'" lines.</summary>
    private async Task<string> ExplainAsync(string efSql)
    {
        var lines = efSql.Split('\n');
        await using var connection = new NpgsqlConnection(Factory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("EXPLAIN " + string.Join('\n', lines.Where(l => !l.StartsWith("-- @", StringComparison.Ordinal))), connection);
        foreach (var line in lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal)))
        {
            var parts = line["-- ".Length..].Split('=', 2);
            // e.g. "@rule='1' (Nullable = true)": the value is the quoted part.
            var text = parts[1].Trim();
            if (text.StartsWith('\'')) text = text[1..text.IndexOf('\'', 1)];
            object value = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                : bool.TryParse(text, out var b) ? b
                : text;
            cmd.Parameters.AddWithValue(parts[0].TrimStart('@'), value);
        }
        var plan = new List<string>();
        await using var reader = await ExecuteAsync(cmd, efSql);
        while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return string.Join(" | ", plan);
    }
}
