using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;
using StreamPortal.Ingest;
using StreamPortal.Search;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Search;

/// <summary>
/// q answered through the background index gives exactly the rows of the old substring scan (LIKE over method, stream,
/// session id and raw body) for a corpus of terms: inside JSON strings, key names, numbers, short terms, unicode,
/// %, _ and quotes; stream names, session ids and media session ids with EventKeys rows (found through their keys) and
/// without (events 71 and up, inserted by the tests: indexed in their rows); copies marked DuplicateOf (not indexed:
/// found through their first copy); for events the indexer has not reached yet; after retention; and after the index
/// file was deleted, damaged or of an older format (rebuilt from Events).
/// </summary>
public sealed class EventSearchTests : PortalTest
{
    private IDbContextFactory<PortalDbContext> Contexts => Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    private SearchIndexer Indexer => Factory.Services.GetRequiredService<SearchIndexer>();
    private SearchStatus Status => Factory.Services.GetRequiredService<SearchStatus>();

    private static readonly string[] Bodies =
    [
        """{"name":"lecture-101","status":"PUBLISHING","info":"Bad \"quoted\" value","published":true}""",
        """{"custom":{"discount":"50%_off","path":"C:\\temp\\x"},"note":"AND OR NOT NEAR","createDate":1718006400512}""",
        """{"name":"Café-Ü-stream","info":"naïve ÉCOLE 東京 🎥 camera","w":0}""",
        """{"info":"a*b^c (paren) {brace} col:on +plus -minus","list":["alpha","beta",null,false]}""",
        """{ "login" : "alice_smith" , "token" : "eyJhbGciOi" }""",
        """{"name":"lecture-102","info":"underscore_and%percent","escaped":"caf\u00e9 \n tab\t"}""",
        "not json at all: 100% \"raw\" text",
        """{"name":"truncated","info":"never closed""",
    ];

    public static TheoryData<string> Terms => new()
    {
        // inside values
        "lecture", "LECTURE-10", "lecture-101", "PUBLISHING", "publishing", "alice_smith", "ALICE", "eyJ", "50%_off", "%_o",
        "_off", "50%", "underscore_and%percent", "d%p", "AND OR", "OR NOT", "NEAR", "a*b", "b^c", "(paren)", "col", "+plus",
        "-minus", "alpha", "1718006400", "0064", "true", "fals", "null", "caf\\u00e9", "\\u00", "tab\\t", "\\n", "temp\\\\x",
        "never", "truncated",
        // unicode
        "café", "CAFÉ", "Ü-s", "naïve", "École", "ÉCOLE", "東京", "🎥 cam", "camera",
        // key names and structure: the scan answers these
        "status", "STATUS", "tatu", "discount", "createDate", "\"name\":", "\"status\":\"PUBLISHING\"", "\"quoted\"",
        "\\\"quoted\\\"", "{brace}", "col:on", "C:\\\\temp", "\"login\" : \"alice", "published\":true", "lis", "scaped",
        // method, stream and session columns; keyed values (also the media session id, found only in bodies)
        "StreamStatusEvent", "streamstatus", "connect", "session-7", "SESSION-", "stream-3", "stream-33",
        "stream-14", "session-14", "ssion-4", "media-", "media-1", "media-14", "MEDIA-4", "stream-28", "keyed values",
        // short terms, quotes, percent and underscore alone
        "\"", "\"\"", "%", "_", "ab", "é", "🎥", "x", "0",
        // misses and text of the non-JSON body
        "nothing-matches-this", "100% \"raw", "raw", "text", "at all",
    };

    public override async Task InitializeAsync()
    {
        // The indexer's own timer stays out of the way: each test indexes when it means to (IndexNow).
        Factory.Settings["StreamPortal:Search:IntervalMs"] = "10000";
        _ = Factory.Server;
        // 1-60, then 61-70: re-sent copies of 1-10 (same method, stream, session and body), as the writer marks them;
        // with their EventKeys rows, in one transaction, as the writer commits every event with its keys (the indexer
        // runs once at the start and must not see them without).
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        // BEGIN as SQL, not BeginTransaction: the helpers' commands then need no transaction object.
        cmd.CommandText = "BEGIN IMMEDIATE";
        await cmd.ExecuteNonQueryAsync();
        await InsertAsync(1, 60, connection);
        await InsertCopiesAsync(61, 1, connection: connection);
        cmd.CommandText = EventKeySql.Backfill + "COMMIT;";
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task InsertCopiesAsync(int from, int of, int count = 10, SqliteConnection? connection = null)
    {
        await using var own = connection is null ? new SqliteConnection(Factory.ConnectionString) : null;
        if (own is not null) await own.OpenAsync();
        connection ??= own!;
        for (var i = 0; i < count; i++)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, AppKey, SessionId, MediaSessionId, Name, Status, AnswerStatus, DelayMs, LatencyMs, Rejected, Body, DuplicateOf)
                SELECT $id, ReceivedAtMs + 1000, App, Method, Kind, AppKey, SessionId, MediaSessionId, Name, Status, AnswerStatus, DelayMs, LatencyMs, Rejected, Body, Id
                FROM Events WHERE Id = $of
                """;
            cmd.Parameters.AddWithValue("$id", from + i);
            cmd.Parameters.AddWithValue("$of", of + i);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
    }

    private string IndexPath => SearchIndexFile.PathFor(Factory.ConnectionString)!;

    private string IndexConnectionString => $"Data Source={IndexPath};Pooling=False";

    /// <summary>Runs <paramref name="sql"/> on the database, or on another file's connection string.</summary>
    private async Task ExecAsync(string sql, string? connectionString = null)
    {
        await using var connection = new SqliteConnection(connectionString ?? Factory.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> IndexScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(IndexConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>Events <paramref name="from"/>-<paramref name="to"/>, without EventKeys rows, on their own connection or in
    /// the transaction of <paramref name="connection"/>.</summary>
    private async Task InsertAsync(int from, int to, SqliteConnection? connection = null)
    {
        await using var own = connection is null ? new SqliteConnection(Factory.ConnectionString) : null;
        if (own is not null) await own.OpenAsync();
        connection ??= own!;
        for (var i = from; i <= to; i++)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, AppKey, SessionId, MediaSessionId, Name, Status, AnswerStatus, DelayMs, LatencyMs, Rejected, Body)
                VALUES ($id, 1700000000000 + $id, 'my_api', $method, 3, 'app', $session, $media, $name, 'PUBLISHING', 200, 0, 0.5, 0, $body)
                """;
            cmd.Parameters.AddWithValue("$id", i);
            cmd.Parameters.AddWithValue("$method", i % 3 == 0 ? "connect" : "StreamStatusEvent");
            cmd.Parameters.AddWithValue("$session", i % 5 == 0 ? DBNull.Value : $"session-{i}");
            cmd.Parameters.AddWithValue("$media", i % 6 == 0 ? DBNull.Value : $"media-{i}");
            cmd.Parameters.AddWithValue("$name", i % 4 == 0 ? DBNull.Value : $"stream-{i}");
            // Every 7th body repeats the event's stream name, session id and media session id (as WCS's do), also where
            // a column is empty (28: no stream name, 35: no session, 42: no media session: those values stay in the row).
            cmd.Parameters.AddWithValue("$body", i % 9 == 0 ? DBNull.Value
                : i % 7 == 0 ? $$"""{"name":"stream-{{i}}","sessionId":"session-{{i}}","mediaSessionId":"media-{{i}}","note":"keyed values"}"""
                : Bodies[i % Bodies.Length]);
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
        return await IdsAsync(cmd);
    }

    private async Task<List<long>> SearchAsync(string term)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await EventQueries.Apply(db.Events.AsNoTracking(), db, new EventFilter { Q = term }).Select(e => e.Id).OrderBy(id => id).ToListAsync();
    }

    private async Task<bool> UsesIndexAsync(string term) => (await PlanAsync(term)).UsesIndex;

    private async Task<SearchPlan> PlanAsync(string term)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return EventTextSearch.Plan(db, term);
    }

    private static async Task<List<long>> IdsAsync(SqliteCommand cmd)
    {
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public async Task A_term_finds_exactly_the_rows_of_the_substring_scan(string term)
    {
        Indexer.IndexNow();
        Assert.Equal(70, Status.IndexedUpTo);
        Assert.Equal(await ScanAsync(term), await SearchAsync(term));
    }

    [Fact]
    public async Task The_corpus_has_matches_misses_and_both_paths()
    {
        // Guards the theory above against a corpus where every answer is empty, or where nothing uses the index.
        Indexer.IndexNow();
        Assert.NotEmpty(await ScanAsync("50%_"));
        Assert.NotEmpty(await ScanAsync("東京"));
        Assert.NotEmpty(await ScanAsync("caf\\u00e9"));
        Assert.NotEmpty(await ScanAsync("fals"));
        Assert.Empty(await ScanAsync("nothing-matches-this"));
        Assert.InRange((await ScanAsync("lecture-101")).Count, 1, 69);
        foreach (var term in new[] { "lecture", "ÉCOLE 東", "50%_off", "1718006400", "stream-3", "true", "AND OR" })
            Assert.True(await UsesIndexAsync(term), term);
        // Key names (not indexed), structure, short terms: the scan.
        foreach (var term in new[] { "status", "tatu", "createDate", "lis", "\"name\"", "col:on", "ab", "🎥" })
            Assert.False(await UsesIndexAsync(term), term);
    }

    [Fact]
    public async Task Keyed_values_are_indexed_once_and_their_events_found_through_the_keys()
    {
        Indexer.IndexNow();
        // Event 14's stream name, session id and media session id (in its columns and its body) are not in its row;
        // each is one row of EventKeySearch.
        foreach (var value in new[] { "stream-14", "session-14", "media-14" })
        {
            var match = SearchTerm.MatchExpression(SearchTerm.Trigrams(value[^4..]));
            Assert.Equal(0, await IndexScalarAsync($"SELECT count(*) FROM EventSearch WHERE EventSearch MATCH '{match.Replace("'", "''")}'"));
            Assert.Equal(1, await IndexScalarAsync($"SELECT count(*) FROM EventKeySearch WHERE EventKeySearch MATCH '{match.Replace("'", "''")}'"));
            Assert.True(await UsesIndexAsync(value), value);
            Assert.Equal([14L], await SearchAsync(value));
        }
        // media-1 is the media session id of 1 and 10-19, but only 14's body holds it: the keys' events are re-checked.
        Assert.Equal([14L], await SearchAsync("media-1"));
        Assert.Equal(Status.IndexedUpTo, await IndexScalarAsync("SELECT IndexedUpTo FROM EventSearchState"));
        Assert.Equal(await IndexScalarAsync("SELECT count(*) FROM EventKeySearch"), await IndexScalarAsync("SELECT KeysIndexedUpTo FROM EventSearchState"));
    }

    [Fact]
    public async Task Events_without_keys_are_found_through_their_rows()
    {
        Indexer.IndexNow();
        await InsertAsync(71, 84);
        Indexer.IndexNow();
        Assert.Equal(84, Status.IndexedUpTo);
        // 77's stream name is not in EventKeys: its row holds it.
        var match = SearchTerm.MatchExpression(SearchTerm.Trigrams("m-77"));
        Assert.Equal(1, await IndexScalarAsync($"SELECT count(*) FROM EventSearch WHERE EventSearch MATCH '{match}'"));
        foreach (var term in new[] { "stream-77", "session-7", "media-77", "stream-8", "ssion-8" })
        {
            Assert.True(await UsesIndexAsync(term), term);
            Assert.Equal(await ScanAsync(term), await SearchAsync(term));
        }
        Assert.Equal([77L], await SearchAsync("stream-77"));
    }

    [Fact]
    public async Task An_index_file_of_an_older_format_is_rebuilt_and_meanwhile_the_scan_answers()
    {
        Indexer.IndexNow();
        // The running indexer keeps its connection: the format is checked when the file is opened again.
        Factory.Services.GetRequiredService<SearchIndexer>().Dispose();
        await ExecAsync("PRAGMA user_version = 1", IndexConnectionString);
        Assert.Equal(SearchPlan.NotReady, (await PlanAsync("stream-14")).ScanReason);
        Assert.Equal([14L], await SearchAsync("stream-14"));
        Indexer.IndexNow();
        Assert.Equal(SearchIndexSql.Format, await IndexScalarAsync("PRAGMA user_version"));
        Assert.Equal(70, Status.IndexedUpTo);
        Assert.True(await UsesIndexAsync("stream-14"));
        Assert.Equal([14L], await SearchAsync("stream-14"));
    }

    [Fact]
    public async Task Events_the_indexer_has_not_reached_are_found()
    {
        Indexer.IndexNow();
        await InsertAsync(71, 100);
        // Not indexed yet: the query scans the ids above the mark.
        Assert.Equal(70, Status.IndexedUpTo);
        foreach (var term in new[] { "lecture", "stream-8", "東京", "status", "session-9", "50%_off" })
        {
            var expected = await ScanAsync(term);
            Assert.Contains(expected, id => id > 70);
            Assert.Equal(expected, await SearchAsync(term));
        }
        Indexer.IndexNow();
        Assert.Equal(100, Status.IndexedUpTo);
        Assert.Equal(await ScanAsync("lecture"), await SearchAsync("lecture"));
    }

    [Fact]
    public async Task A_key_indexed_after_the_shape_was_chosen_still_sends_the_query_to_the_scan()
    {
        Indexer.IndexNow();
        Assert.True(await UsesIndexAsync("zebrakey"));
        await ExecAsync("""
            INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, AppKey, AnswerStatus, DelayMs, LatencyMs, Rejected, Body)
            VALUES (71, 1800000000000, 'my_api', 'connect', 1, 'app', 200, 0, 0, 0, '{"zebrakey":1}')
            """);
        Indexer.IndexNow();
        Assert.False(await UsesIndexAsync("zebrakey"));
        Assert.Equal([71L], await SearchAsync("zebrakey"));
        Assert.Equal([71L], await SearchAsync("ebrak"));
    }

    [Fact]
    public async Task Retention_takes_pruned_events_out_of_the_index()
    {
        Indexer.IndexNow();
        Assert.Null(await Factory.Services.GetRequiredService<RetentionSettings>().SaveAsync(new RetentionPolicy(null, 1000), default));
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Events.AddRange(Enumerable.Range(0, 1000).Select(i => new HookEvent
            {
                Id = 1000 + i, App = "my_api", Method = "connect", ReceivedAtMs = 1800000000000 + i, AnswerStatus = 200, Body = "{\"v\":\"filler\"}",
            }));
            await db.SaveChangesAsync();
        }
        Indexer.IndexNow();
        Assert.Equal(1999, Status.IndexedUpTo);
        // The copies (61-70) have no row of their own.
        Assert.Equal(1060, await IndexScalarAsync("SELECT count(*) FROM EventSearch"));
        Assert.Equal(70, await Factory.Services.GetRequiredService<RetentionJob>().PruneAsync(default));
        // A row of a deleted event finds nothing (joined back to Events), before the cleanup takes it out.
        Assert.Empty(await SearchAsync("lecture"));
        Indexer.IndexNow();
        Assert.Equal(1000, await IndexScalarAsync("SELECT count(*) FROM EventSearch"));
        Assert.Equal(0, await IndexScalarAsync("SELECT count(*) FROM EventSearch WHERE rowid < 1000"));
        Assert.Empty(await SearchAsync("lecture"));
        Assert.Equal(1000, (await SearchAsync("filler")).Count);
    }

    [Fact]
    public async Task After_every_event_is_deleted_new_events_under_the_old_mark_are_indexed()
    {
        Indexer.IndexNow();
        // Ids are max + 1: with the table empty, the next events reuse ids below the mark (70), whose index rows
        // still hold the deleted events' text.
        await ExecAsync("""
            DELETE FROM Events;
            INSERT INTO Events (ReceivedAtMs, App, Method, Kind, AppKey, AnswerStatus, DelayMs, LatencyMs, Rejected, Body)
            VALUES (1800000000000, 'my_api', 'connect', 1, 'app', 200, 0, 0, 0, '{"v":"reborn"}');
            """);
        Indexer.IndexNow();
        Assert.Equal(1, Status.IndexedUpTo);
        Assert.Equal([1L], await SearchAsync("reborn"));
        Assert.Empty(await SearchAsync("lecture"));
        Assert.Equal(1, await IndexScalarAsync("SELECT count(*) FROM EventSearch"));
    }

    [Fact]
    public async Task Copies_are_found_through_their_first_copy_even_after_it_was_deleted()
    {
        Indexer.IndexNow();
        // Copy 62 of event 2 (stream-2, session-2; and session-20 to -29).
        Assert.Equal(await ScanAsync("session-2"), await SearchAsync("session-2"));
        Assert.Contains(62L, await SearchAsync("session-2"));
        Assert.True(await UsesIndexAsync("session-2"));
        await ExecAsync("DELETE FROM Events WHERE Id IN (2, 3, 13)");
        Indexer.IndexNow();
        // 2 and 3 keep their rows while their copies (62, 63) are stored; 13 has none and its row goes.
        Assert.Equal(2, await IndexScalarAsync("SELECT count(*) FROM EventSearch WHERE rowid IN (2, 3)"));
        Assert.Equal(0, await IndexScalarAsync("SELECT count(*) FROM EventSearch WHERE rowid = 13"));
        var found = await SearchAsync("session-2");
        Assert.Contains(62L, found);
        Assert.DoesNotContain(2L, found);
        foreach (var term in new[] { "session-2", "session-3", "lecture", "stream-1", "東京 🎥" })
            Assert.Equal(await ScanAsync(term), await SearchAsync(term));
    }

    [Fact]
    public async Task A_deleted_index_file_is_rebuilt_and_meanwhile_the_scan_answers()
    {
        Indexer.IndexNow();
        Assert.Equal(60, await IndexScalarAsync("SELECT count(*) FROM EventSearch"));
        SearchIndexFile.Delete(IndexPath);
        Assert.Equal(SearchPlan.NotReady, (await PlanAsync("lecture")).ScanReason);
        Assert.Equal(await ScanAsync("lecture"), await SearchAsync("lecture"));
        Indexer.IndexNow();
        Assert.True(File.Exists(IndexPath));
        Assert.Equal(70, Status.IndexedUpTo);
        Assert.Equal(60, await IndexScalarAsync("SELECT count(*) FROM EventSearch"));
        foreach (var term in new[] { "lecture", "session-2", "50%_off", "東京 🎥" })
        {
            Assert.True(await UsesIndexAsync(term), term);
            Assert.Equal(await ScanAsync(term), await SearchAsync(term));
        }
    }

    [Fact]
    public async Task A_damaged_index_file_is_rebuilt()
    {
        Indexer.IndexNow();
        // The running indexer keeps its connection: the damage is found when the file is opened again.
        Factory.Services.GetRequiredService<SearchIndexer>().Dispose();
        SearchIndexFile.Delete(IndexPath);
        await File.WriteAllTextAsync(IndexPath, new string('x', 8192));
        Assert.False((await PlanAsync("lecture")).UsesIndex);
        Assert.Equal(await ScanAsync("lecture"), await SearchAsync("lecture"));
        Indexer.IndexNow();
        Assert.Equal(70, Status.IndexedUpTo);
        Assert.True(await UsesIndexAsync("lecture"));
        Assert.Equal(await ScanAsync("lecture"), await SearchAsync("lecture"));
    }

    [Fact]
    public async Task A_term_whose_rarest_trigrams_hold_too_many_rows_is_scanned()
    {
        await ExecAsync($$"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{SearchLookup.MaxCandidates + 1}})
            INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, AppKey, AnswerStatus, DelayMs, LatencyMs, Rejected, Body)
            SELECT 100 + i, 1800000000000 + i, 'my_api', 'connect', 1, 'app', 200, 0, 0, 0, '{"v":"common-' || i || '"}' FROM n
            """);
        Indexer.IndexNow();
        Assert.Equal(SearchPlan.Broad, (await PlanAsync("common-")).ScanReason);
        Assert.Equal(SearchLookup.MaxCandidates + 1, (await SearchAsync("common-")).Count);
        // Its rare neighbours still use the index.
        Assert.True(await UsesIndexAsync("common-12345"));
        Assert.Equal(await ScanAsync("common-12345"), await SearchAsync("common-12345"));
    }

    [Fact]
    public async Task A_term_held_by_more_events_than_the_bound_is_scanned()
    {
        // One stream's hook sent MaxMatches + 1 times: a first copy (id 100) and its copies, all with the stream's key.
        await ExecAsync($$"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {{SearchLookup.MaxMatches}})
            INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, AppKey, Name, AnswerStatus, DelayMs, LatencyMs, Rejected, Body, DuplicateOf)
            SELECT 100 + i, 1800000000000 + i, 'my_api', 'StreamKeepAliveEvent', 3, 'app', 'bulk-stream', 200, 0, 0, 0,
                '{"name":"bulk-stream"}', CASE WHEN i = 0 THEN NULL ELSE 100 END FROM n;
            {{EventKeySql.Backfill}}
            """);
        Indexer.IndexNow();
        Assert.Equal(SearchPlan.Broad, (await PlanAsync("bulk-stream")).ScanReason);
        Assert.Equal(SearchLookup.MaxMatches + 1, (await SearchAsync("bulk-stream")).Count);
        // A term of fewer events still goes through the index.
        Assert.True(await UsesIndexAsync("stream-14"));
    }
}
