using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Data;

/// <summary>
/// The free-text filter answered through the trigram index gives exactly the rows of the old substring scan (LIKE over
/// method, stream, session id and body), for terms that the index must take literally; the index follows inserts,
/// retention deletes and updates in the same transaction (no lag).
/// </summary>
public sealed class EventSearchTests : PortalTest
{
    private IDbContextFactory<PortalDbContext> Contexts => Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    private static readonly string[] Bodies =
    [
        """{"name":"lecture-101","status":"PUBLISHING","info":"Bad \"quoted\" value"}""",
        """{"custom":{"discount":"50%_off","path":"C:\\temp\\x"},"note":"AND OR NOT NEAR"}""",
        """{"name":"Café-Ü-stream","info":"naïve ÉCOLE 東京 🎥 camera"}""",
        """{"info":"a*b^c (paren) {brace} col:on +plus -minus"}""",
        """{"login":"alice_smith","token":"eyJhbGciOi"}""",
        """{"name":"lecture-102","info":"underscore_and%percent"}""",
        "not json at all: 100% \"raw\" text",
    ];

    public static TheoryData<string> Terms => new()
    {
        "lecture", "LECTURE-10", "lecture-101", "\"quoted\"", "\\\"quoted\\\"", "50%_", "%_o", "_off", "50%",
        "C:\\\\temp", "AND OR", "AND", "OR NOT", "NEAR", "a*b", "b^c", "(paren)", "{brace}", "col:on", "+plus", "-minus",
        "café", "CAFÉ", "Ü-s", "naïve", "École", "ÉCOLE", "東京", "🎥 cam", "alice_smith", "ALICE", "eyJ", "\"status\":\"PUBLISHING\"",
        "StreamStatusEvent", "streamstatus", "connect", "session-7", "SESSION-", "stream-3", "\"", "\"\"", "%", "_", "ab", "é", "🎥",
        "x", "nothing-matches-this", "\"name\":", "100% \"raw", "text",
    };

    public override async Task InitializeAsync()
    {
        _ = Factory.Server;
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        for (var i = 1; i <= 70; i++)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, AppKey, SessionId, Name, Status, AnswerStatus, DelayMs, LatencyMs, Rejected, Body)
                VALUES ($id, 1700000000000 + $id, 'my_api', $method, 3, 'app', $session, $name, 'PUBLISHING', 200, 0, 0.5, 0, $body)
                """;
            cmd.Parameters.AddWithValue("$id", i);
            cmd.Parameters.AddWithValue("$method", i % 3 == 0 ? "connect" : "StreamStatusEvent");
            cmd.Parameters.AddWithValue("$session", i % 5 == 0 ? DBNull.Value : $"session-{i}");
            cmd.Parameters.AddWithValue("$name", i % 4 == 0 ? DBNull.Value : $"stream-{i}");
            cmd.Parameters.AddWithValue("$body", i % 9 == 0 ? DBNull.Value : Bodies[i % Bodies.Length]);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The old filter, verbatim: LIKE over the four columns, read from every row.</summary>
    private async Task<List<long>> ScanAsync(string term)
    {
        var pattern = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT Id FROM Events WHERE Method LIKE $p ESCAPE '\' OR Name LIKE $p ESCAPE '\'
                OR SessionId LIKE $p ESCAPE '\' OR Body LIKE $p ESCAPE '\' ORDER BY Id
            """;
        cmd.Parameters.AddWithValue("$p", pattern);
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private async Task<List<long>> SearchAsync(string term)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await EventQueries.Apply(db.Events.AsNoTracking(), db, new EventFilter { Q = term }).Select(e => e.Id).OrderBy(id => id).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public async Task A_term_finds_exactly_the_rows_of_the_substring_scan(string term)
    {
        var expected = await ScanAsync(term);
        Assert.Equal(expected, await SearchAsync(term));
    }

    [Fact]
    public async Task The_corpus_has_matches_and_misses()
    {
        // Guards the theory above against a corpus where every answer is empty (or everything).
        Assert.NotEmpty(await ScanAsync("50%_"));
        Assert.NotEmpty(await ScanAsync("東京"));
        Assert.NotEmpty(await ScanAsync("CAFÉ".ToLowerInvariant()));
        Assert.Empty(await ScanAsync("nothing-matches-this"));
        Assert.True((await ScanAsync("lecture-101")).Count < 70);
    }

    [Fact]
    public async Task A_long_term_is_narrowed_by_the_index_and_exact()
    {
        Assert.Equal(await ScanAsync("\"custom\":{\"discount\":\"50%_off\",\"path\""), await SearchAsync("\"custom\":{\"discount\":\"50%_off\",\"path\""));
        Assert.Equal(16, EventTextSearch.MatchExpression(new string('a', 10) + string.Concat(Enumerable.Range(0, 40).Select(i => (char)('A' + i)))).Split(" AND ").Length);
    }

    [Fact]
    public void Operators_and_quotes_are_quoted_trigrams()
    {
        Assert.Equal("\"a\"\"b\" AND \"\"\"b*\"", EventTextSearch.MatchExpression("a\"b*"));
        Assert.Equal("\"AND\"", EventTextSearch.MatchExpression("AND"));
        Assert.Equal("\"🎥 c\" AND \" ca\"", EventTextSearch.MatchExpression("🎥 ca"));
    }

    [Fact]
    public async Task Short_terms_scan_only_the_newest_window()
    {
        await using (var connection = new SqliteConnection(Factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            // An old match, then a gap wider than the window: it is outside the newest ShortTermWindow ids.
            cmd.CommandText = $$"""
                UPDATE Events SET Body = '{"zq":1}' WHERE Id = 1;
                INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, AppKey, AnswerStatus, DelayMs, LatencyMs, Rejected, Body)
                VALUES ({{EventTextSearch.ShortTermWindow + 100}}, 1800000000000, 'my_api', 'connect', 1, 'app', 200, 0, 0, 0, 'zq');
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        Assert.Equal([1L, EventTextSearch.ShortTermWindow + 100], await ScanAsync("zq"));
        Assert.Equal([(long)EventTextSearch.ShortTermWindow + 100], await SearchAsync("zq"));
        // Three characters use the index over every event.
        Assert.Equal(await ScanAsync("zq\""), await SearchAsync("zq\""));
        Assert.Contains(1L, await SearchAsync("zq\""));
    }

    [Fact]
    public async Task Deleted_and_updated_events_leave_the_index_in_the_same_transaction()
    {
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(await ScanAsync("lecture-102"), await IndexedAsync(connection, "lecture-102"));
        Assert.NotEmpty(await IndexedAsync(connection, "lecture-102"));
        await using (var cmd = connection.CreateCommand())
        {
            // Retention's own statement shape.
            cmd.CommandText = "DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE Id <= 40 ORDER BY Id LIMIT 1000); UPDATE Events SET Body = 'renamed-body' WHERE Id = 41;";
            await cmd.ExecuteNonQueryAsync();
        }
        Assert.Equal(await ScanAsync("lecture-102"), await IndexedAsync(connection, "lecture-102"));
        Assert.DoesNotContain(41L, await IndexedAsync(connection, "\"name\""));
        Assert.Equal([41L], await IndexedAsync(connection, "renamed-body"));
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM EventSearch WHERE rowid <= 40";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Retention_removes_pruned_events_from_the_index()
    {
        Assert.Null(await Factory.Services.GetRequiredService<RetentionSettings>().SaveAsync(new RetentionPolicy(null, 1000), default));
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Events.AddRange(Enumerable.Range(0, 1000).Select(i => new HookEvent
            {
                Id = 1000 + i, App = "my_api", Method = "connect", ReceivedAtMs = 1800000000000 + i, AnswerStatus = 200, Body = "filler",
            }));
            await db.SaveChangesAsync();
        }
        Assert.Equal(70, await Factory.Services.GetRequiredService<RetentionJob>().PruneAsync(default));
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        Assert.Empty(await IndexedAsync(connection, "lecture"));
        Assert.Equal(1000, (await IndexedAsync(connection, "filler")).Count);
    }

    [Fact]
    public async Task A_hook_is_searchable_as_soon_as_it_is_answered()
    {
        // No lag: the index row is written by a trigger in the writer's own transaction, committed before the answer.
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        for (var i = 0; i < 5; i++)
        {
            var name = $"fresh-{Guid.NewGuid():N}";
            var response = await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"m-{name}", $"s-{name}", name, "PUBLISHING"));
            response.EnsureSuccessStatusCode();
            var items = await api.GetItemsAsync($"/api/events?q={Uri.EscapeDataString(name[..20])}");
            var item = Assert.Single(items);
            Assert.Equal(name, item!["name"]!.GetValue<string>());
        }
    }

    private static async Task<List<long>> IndexedAsync(SqliteConnection connection, string term)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT rowid FROM EventSearch WHERE EventSearch MATCH $m ORDER BY rowid";
        cmd.Parameters.AddWithValue("$m", EventTextSearch.MatchExpression(term));
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
