using System.Net;
using System.Net.Http.Json;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Data;

/// <summary>
/// Every read filter and the admin stores (rules, connect policies, backups) on PostgreSQL: LINQ that SQLite
/// translates but Npgsql might not, string case, and the SQLite-only features' answers.
/// </summary>
public sealed class PostgresApiTests : IAsyncLifetime
{
    private PostgresPortalFactory? _factory;

    private PostgresPortalFactory Factory => _factory ??= new PostgresPortalFactory();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }

    [PostgresFact]
    public async Task Every_list_filter_answers_and_filters()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        foreach (var (_, method, body) in Fixtures.Lifecycle())
            Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync(method, body)).StatusCode);
        var stream = (await api.GetItemsAsync("/api/streams?pageSize=1"))[0]!;
        var name = stream["name"]!.GetValue<string>();
        var session = stream["sessionId"]!.GetValue<string>();
        var mediaSession = stream["mediaSessionId"]!.GetValue<string>();

        string[] urls =
        [
            "/api/events?method=connect", "/api/events?kind=event", "/api/events?kind=unknown", "/api/events?appKey=x",
            $"/api/events?stream={Uri.EscapeDataString(name)}", $"/api/events?sessionId={Uri.EscapeDataString(session)}",
            $"/api/events?mediaSessionId={mediaSession}", "/api/events?status=PUBLISHING", "/api/events?answerStatus=200",
            "/api/events?answerStatus=403", "/api/events?answer=non200", "/api/events?answer=4xx", "/api/events?answer=5xx",
            "/api/events?answer=rejected", "/api/events?keepAlives=hide", "/api/events?ruleId=1", "/api/events?rejected=true",
            "/api/events?rejected=false", "/api/events?q=CONNECT", "/api/events?from=2000-01-01T00:00:00Z",
            "/api/events?to=2100-01-01T00:00:00Z", "/api/events/export", "/api/events/export?format=csv",
            "/api/streams?status=PUBLISHING", "/api/streams?published=true", "/api/streams?nodeId=x", $"/api/streams?sessionId={session}",
            "/api/streams?sort=name&desc=false", "/api/streams?sort=status", "/api/streams?sort=lastSeen", "/api/streams?from=2000-01-01T00:00:00Z",
            "/api/sessions?status=ESTABLISHED", "/api/sessions?origin=x", "/api/sessions?login=x", "/api/sessions?q=a",
            "/api/sessions?sort=login", "/api/sessions?sort=lastSeen&desc=false", $"/api/sessions/{Uri.EscapeDataString(session)}",
            $"/api/streams/{mediaSession}", $"/api/sessions/{Uri.EscapeDataString(session)}/bundle", "/api/rules", "/api/connect-policies",
        ];
        foreach (var url in urls)
        {
            var response = await api.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        // Filters filter: the free-text search ignores case as SQLite's LIKE does.
        var all = (await api.GetObjectAsync("/api/events?pageSize=1"))["total"]!.GetValue<int>();
        var connects = (await api.GetObjectAsync("/api/events?method=connect&pageSize=1"))["total"]!.GetValue<int>();
        Assert.InRange(connects, 1, all - 1);
        Assert.True((await api.GetObjectAsync("/api/events?q=CONNECTIONSTATUSEVENT&pageSize=1"))["total"]!.GetValue<int>() > 0);
        Assert.Equal(0, (await api.GetObjectAsync("/api/events?sessionId=none&pageSize=1"))["total"]!.GetValue<int>());
    }

    [PostgresFact]
    public async Task Backups_answer_501_with_the_pg_dump_advice()
    {
        var api = Factory.CreateApiClient();
        var response = await api.PostAsync("/api/backups", null);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("pg_dump", await response.Content.ReadAsStringAsync());
        Assert.Empty(await api.GetItemsAsync("/api/backups"));
    }

    [PostgresFact]
    public async Task Readiness_reports_the_database_writable()
    {
        var response = await Factory.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [PostgresFact]
    public async Task Rule_hits_are_counted_in_the_database()
    {
        var api = Factory.CreateApiClient();
        var hooks = Factory.CreateClient();
        var created = await api.PostAsJsonAsync("/api/rules", System.Text.Json.Nodes.JsonNode.Parse(
            """{ "name": "deny", "match": { "methods": ["publishStream"] }, "answer": { "status": 403 } }"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            hooks.PostHookAsync("publishStream", HookClient.StreamHook($"m{i}", "s", $"n{i}", "PENDING"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(20, (await api.GetObjectAsync($"/api/rules/{id}"))["hitCount"]!.GetValue<long>());
        Assert.Equal(20, (await api.GetObjectAsync($"/api/events?ruleId={id}"))["total"]!.GetValue<int>());
    }
}
