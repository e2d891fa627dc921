using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using StreamPortal.Data;
using StreamPortal.Data.Queries;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// Events are filtered by session, media session and stream through integer keys (EventKeys): the filters must give
/// exactly what equality on the strings gives, whether the writer knew a key already, looked it up, or added it.
/// </summary>
public sealed class EventKeyTests : PortalTest
{
    private HttpClient _hooks = null!;
    private HttpClient _api = null!;

    public override Task InitializeAsync()
    {
        // A tiny writer cache (3 keys): it is dropped after most batches, so later hooks find their keys in the database.
        Factory.Settings["StreamPortal:Ingest:ProjectionCacheSize"] = "1";
        Factory.Settings["StreamPortal:Hooks:Callers:locked_app:Username"] = "wcs";
        Factory.Settings["StreamPortal:Hooks:Callers:locked_app:Password"] = "s3cret";
        _hooks = Factory.CreateClient();
        _api = Factory.CreateApiClient();
        return Task.CompletedTask;
    }

    private async Task Post(string method, System.Text.Json.Nodes.JsonObject body) =>
        Assert.Equal(HttpStatusCode.OK, (await _hooks.PostHookAsync(method, body)).StatusCode);

    private async Task<int> Total(string query) => (await _api.GetObjectAsync($"/api/events?{query}"))["total"]!.GetValue<int>();

    [Fact]
    public async Task Filters_match_exactly_the_events_carrying_the_value_in_that_field()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string S(string x) => $"{x}-{run}";
        // One string used as a session id and, elsewhere, as a stream name: one key, but each filter keeps to its field.
        await Post("connect", HookClient.ConnectionHook(S("shared")));
        await Post("StreamStatusEvent", HookClient.StreamHook(S("m1"), S("shared"), S("alpha"), "PUBLISHING"));
        await Post("StreamStatusEvent", HookClient.StreamHook(S("m2"), S("other"), S("shared"), "PLAYING", published: false));
        await Post("StreamStatusEvent", HookClient.StreamHook(S("m1"), S("shared"), S("alpha"), "UNPUBLISHED"));
        // A caller refused at the door keeps its identity fields: the stream filter must find it too.
        var refused = await _hooks.PostRawHookAsync("StreamStatusEvent",
            HookClient.StreamHook(S("m3"), S("intruder"), S("alpha"), "PUBLISHING").ToJsonString(), app: "locked_app",
            configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("wcs:wrong"))));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal(3, await Total($"sessionId={S("shared")}"));
        Assert.Equal(1, await Total($"stream={S("shared")}"));
        Assert.Equal(3, await Total($"stream={S("alpha")}"));
        Assert.Equal(1, await Total($"stream={S("alpha")}&rejected=true"));
        Assert.Equal(2, await Total($"mediaSessionId={S("m1")}"));
        Assert.Equal(1, await Total($"sessionId={S("other")}&mediaSessionId={S("m2")}"));
        Assert.Equal(0, await Total($"sessionId={S("alpha")}"));
        Assert.Equal(0, await Total($"stream={S("never-seen")}"));

        var session = await _api.GetObjectAsync($"/api/sessions/{S("shared")}");
        Assert.Equal(3, session["events"]!.AsArray().Count);
        var stream = await _api.GetObjectAsync($"/api/streams/{S("m1")}");
        Assert.Equal(2, stream["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task Every_stored_key_stands_for_its_events_string_and_each_string_has_one_key()
    {
        // Concurrent hooks over a few sessions and streams: batches mix new and known strings.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; i < 25; i++)
                await Post("StreamStatusEvent", HookClient.StreamHook($"km{i % 5}", $"ks{(worker + i) % 3}", $"kn{i % 4}", "PUBLISHING"));
        }));

        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT
                (SELECT COUNT(*) FROM Events e WHERE e.SessionId IS NOT (SELECT Value FROM EventKeys WHERE Id = e.SessionKey)),
                (SELECT COUNT(*) FROM Events e WHERE e.MediaSessionId IS NOT (SELECT Value FROM EventKeys WHERE Id = e.MediaSessionKey)),
                (SELECT COUNT(*) FROM Events e WHERE e.Name IS NOT (SELECT Value FROM EventKeys WHERE Id = e.NameKey)),
                (SELECT COUNT(*) FROM EventKeys),
                (SELECT COUNT(*) FROM (SELECT SessionId FROM Events WHERE SessionId IS NOT NULL
                    UNION SELECT MediaSessionId FROM Events WHERE MediaSessionId IS NOT NULL
                    UNION SELECT Name FROM Events WHERE Name IS NOT NULL)),
                (SELECT COUNT(*) FROM Events)
            """;
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(200, reader.GetInt64(5));
        Assert.Equal(0, reader.GetInt64(0));
        Assert.Equal(0, reader.GetInt64(1));
        Assert.Equal(0, reader.GetInt64(2));
        Assert.Equal(3 + 5 + 4, reader.GetInt64(4));
        Assert.Equal(reader.GetInt64(4), reader.GetInt64(3));
    }
}

/// <summary>A database from before the EventKeys migration keeps its events findable by the key filters.</summary>
public sealed class EventKeyMigrationTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Migrating_gives_old_events_their_keys()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(_database.ConnectionString).Options;
        await using var db = new PortalDbContext(options);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_EventKeys", StringComparison.Ordinal)) - 1];
        await migrator.MigrateAsync(before);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, SessionId, MediaSessionId, Name, AnswerStatus, DelayMs, LatencyMs, Rejected)
            VALUES (1, 1, 'my_api', 'connect', 1, 's1', NULL, NULL, 200, 0, 0, 0),
                   (2, 2, 'my_api', 'publishStream', 2, 's1', 'm1', 'cam', 200, 0, 0, 0),
                   (3, 3, 'my_api', 'StreamStatusEvent', 3, 's2', 'm2', 's1', 200, 0, 0, 0)
            """);

        await migrator.MigrateAsync();

        Assert.Equal(2, await EventQueries.Apply(db.Events, db, new EventFilter { SessionId = "s1" }).CountAsync());
        Assert.Equal(1, await EventQueries.Apply(db.Events, db, new EventFilter { Stream = "s1" }).CountAsync());
        Assert.Equal([2L], await EventQueries.Apply(db.Events, db, new EventFilter { Stream = "cam", MediaSessionId = "m1" }).Select(e => e.Id).ToListAsync());
        Assert.Equal(5, await db.EventKeys.CountAsync());
    }
}
