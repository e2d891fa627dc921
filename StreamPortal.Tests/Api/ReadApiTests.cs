using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Api;

/// <summary>
/// Part of the store contract: runs on SQLite here and on PostgreSQL in PostgresReadApiTests (PostgresStoreContract.cs).
/// </summary>
public class ReadApiTests : PortalTest
{
    [StoreTheory]
    [InlineData("/api/events")]
    [InlineData("/api/events/1")]
    [InlineData("/api/streams")]
    [InlineData("/api/streams/abc")]
    [InlineData("/api/sessions")]
    [InlineData("/api/sessions/abc")]
    public async Task Without_a_key_the_api_answers_401(string url)
    {
        var response = await Factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var wrongKey = Factory.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync(url)).StatusCode);
    }

    [StoreFact]
    public async Task Lists_page_and_filter()
    {
        var hooks = Factory.CreateClient();
        for (var i = 0; i < 7; i++)
            await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"page-{i}", "s-page", i < 3 ? "alpha" : "beta", "PUBLISHING"));
        await hooks.PostHookAsync("connect", HookClient.ConnectionHook("s-page"));

        var api = Factory.CreateApiClient();
        var page1 = await api.GetObjectAsync("/api/events?page=1&pageSize=5");
        var page2 = await api.GetObjectAsync("/api/events?page=2&pageSize=5");
        Assert.Equal(8, page1["total"]!.GetValue<int>());
        Assert.False(page1["totalCapped"]!.GetValue<bool>());
        Assert.Equal(5, page1["items"]!.AsArray().Count);
        Assert.Equal(3, page2["items"]!.AsArray().Count);
        var ids = page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(i => i!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(ids.OrderByDescending(x => x), ids);
        Assert.Equal(8, ids.Distinct().Count());

        Assert.Equal(3, (await api.GetObjectAsync("/api/events?stream=alpha"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await api.GetObjectAsync("/api/events?method=connect"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await api.GetObjectAsync("/api/events?kind=connect"))["total"]!.GetValue<int>());
        Assert.Equal(7, (await api.GetObjectAsync("/api/events?kind=event&status=PUBLISHING"))["total"]!.GetValue<int>());
        Assert.Equal(3, (await api.GetObjectAsync("/api/events?q=alpha"))["total"]!.GetValue<int>());
        // Free text also finds what only the stored body holds (the connect's custom.login).
        Assert.Equal(1, (await api.GetObjectAsync("/api/events?q=tester"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await api.GetObjectAsync("/api/events?q=100%25"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await api.GetObjectAsync("/api/events?from=2999-01-01T00:00:00Z"))["total"]!.GetValue<int>());
        Assert.Equal(8, (await api.GetObjectAsync("/api/events?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z"))["total"]!.GetValue<int>());
        Assert.Equal(4, (await api.GetObjectAsync("/api/streams?name=beta&page=1&pageSize=50"))["total"]!.GetValue<int>());
        Assert.Equal(7, (await api.GetObjectAsync("/api/streams?appKey=defaultApp&published=true"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await api.GetObjectAsync("/api/sessions?status=CONNECTING"))["total"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task The_events_total_is_counted_up_to_the_cap_and_says_so()
    {
        // One more hook than the cap, posted 16 at a time (keep-alives: the writer stores them without projection work).
        var hooks = Factory.CreateClient();
        var total = ListCount.Cap + 1;
        for (var from = 0; from < total; from += 16)
            await Task.WhenAll(Enumerable.Range(from, Math.Min(16, total - from)).Select(i =>
                hooks.PostHookAsync("StreamKeepAliveEvent", HookClient.StreamHook($"cap-{i % 50}", "s-cap", "cap", "PUBLISHING"))));

        var api = Factory.CreateApiClient();
        var capped = await api.GetObjectAsync("/api/events?pageSize=5");
        Assert.Equal(ListCount.Cap, capped["total"]!.GetValue<int>());
        Assert.True(capped["totalCapped"]!.GetValue<bool>());
        // The exact figure is one call away.
        Assert.Equal(total, (await api.GetObjectAsync("/api/events/count"))["count"]!.GetValue<int>());
        Assert.Equal(total, (await api.GetObjectAsync("/api/events/count?stream=cap"))["count"]!.GetValue<int>());
        Assert.Equal(5, capped["items"]!.AsArray().Count);
        // Pages past the cap still answer: the cap bounds the count, not the list.
        var past = await api.GetObjectAsync($"/api/events?page={ListCount.Cap / 500 + 1}&pageSize=500");
        Assert.Single(past["items"]!.AsArray());
        // A filter under the cap is counted exactly.
        var exact = await api.GetObjectAsync("/api/events?mediaSessionId=cap-7");
        Assert.Equal(total / 50 + (total % 50 > 7 ? 1 : 0), exact["total"]!.GetValue<int>());
        Assert.False(exact["totalCapped"]!.GetValue<bool>());
    }

    [StoreFact]
    public async Task The_streams_and_sessions_totals_are_counted_up_to_the_cap_too()
    {
        // Rows written straight to the store: this is about the lists' count, not about ingest (the events case above
        // goes through hooks). One more than the cap of each, a handful of them publishers of app "capped".
        var over = ListCount.Cap + 1;
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.Streams.AddRange(Enumerable.Range(0, over).Select(i => new StreamInstance
            {
                MediaSessionId = $"cap-stream-{i}", Name = $"cap-{i}", SessionId = $"cap-session-{i}", AppKey = i < 7 ? "capped" : "other",
                Published = true, Status = "PUBLISHING", FirstSeenMs = 1_700_000_000_000 + i, LastSeenMs = 1_700_000_000_000 + i,
            }));
            db.Sessions.AddRange(Enumerable.Range(0, over).Select(i => new ClientSession
            {
                SessionId = $"cap-session-{i}", AppKey = i < 7 ? "capped" : "other", Status = "ESTABLISHED",
                FirstSeenMs = 1_700_000_000_000 + i, LastSeenMs = 1_700_000_000_000 + i,
            }));
            await db.SaveChangesAsync();
        }

        var api = Factory.CreateApiClient();
        foreach (var list in new[] { "/api/streams", "/api/sessions" })
        {
            var capped = await api.GetObjectAsync($"{list}?pageSize=5");
            Assert.Equal(ListCount.Cap, capped["total"]!.GetValue<int>());
            Assert.True(capped["totalCapped"]!.GetValue<bool>());
            Assert.Equal(5, capped["items"]!.AsArray().Count);
            var exact = await api.GetObjectAsync($"{list}?appKey=capped");
            Assert.Equal(7, exact["total"]!.GetValue<int>());
            Assert.False(exact["totalCapped"]!.GetValue<bool>());
        }
    }

    [StoreFact]
    public async Task The_event_detail_has_body_headers_and_answer()
    {
        var body = HookClient.StreamHook("detail-1", "s-detail", "detail", "PUBLISHING");
        await Factory.CreateClient().PostHookAsync("StreamStatusEvent", body);
        var api = Factory.CreateApiClient();
        var id = (await api.GetItemsAsync("/api/events"))[0]!["id"]!.GetValue<long>();
        var detail = await api.GetObjectAsync($"/api/events/{id}");
        Assert.True(JsonNode.DeepEquals(body, detail["body"]));
        Assert.Equal("Java/1.8.0_111", detail["headers"]!["User-Agent"]!.GetValue<string>());
        Assert.Equal(200, detail["answerStatus"]!.GetValue<int>());
        Assert.Null(detail["answerBody"]);
        Assert.Equal("event", detail["kind"]!.GetValue<string>());
        Assert.True(detail["latencyMs"]!.GetValue<double>() > 0);
    }

    [StoreTheory]
    [InlineData("/api/events?page=0", "page")]
    [InlineData("/api/events?pageSize=100000", "pageSize")]
    [InlineData("/api/events?from=yesterday", "from")]
    [InlineData("/api/events?kind=bogus", "kind")]
    [InlineData("/api/events?answerStatus=abc", "answerStatus")]
    [InlineData("/api/streams?published=maybe", "published")]
    [InlineData("/api/events/notanumber", null)]
    public async Task Bad_queries_get_400_problem_json_naming_the_parameter(string url, string? field)
    {
        var response = await Factory.CreateApiClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (field is not null) Assert.NotNull(problem["errors"]![field]);
    }

    [StoreFact]
    public async Task Bad_query_lists_every_error()
    {
        var response = await Factory.CreateApiClient().GetAsync("/api/events?page=-1&pageSize=0&from=x&to=y");
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["from", "page", "pageSize", "to"], errors.Select(e => e.Key).Order());
    }

    [StoreFact]
    public async Task Unknown_ids_are_404_problems()
    {
        var api = Factory.CreateApiClient();
        foreach (var url in new[] { "/api/events/999999", "/api/streams/nope", "/api/sessions/nope" })
        {
            var response = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
