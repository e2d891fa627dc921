using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Metrics;

/// <summary>/metrics: Prometheus text of the hook counters, behind an API key (X-Api-Key or Bearer), 401 without.</summary>
public sealed class MetricsEndpointTests : PortalTest
{
    [Fact]
    public async Task Metrics_refuse_a_caller_without_a_key_with_401_problem_json()
    {
        var anonymous = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var wrongKey = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_hook_shows_in_the_hook_counters_by_method_and_status()
    {
        var client = Factory.CreateClient();
        var ok = await client.PostHookAsync("publishStream", HookClient.StreamHook(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "metrics-test", "NEW"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var bad = await client.PostRawHookAsync("publishStream", "not json");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await client.PostRawHookAsync("madeUpMethod" + Guid.NewGuid().ToString("N"), "{}");

        var scraper = Factory.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PortalFactory.ApiKey);
        var text = await ScrapeUntilAsync(scraper, t =>
            Matches(t, "streamportal_hooks_total", ("method", "publishStream"), ("status", "200")) &&
            Matches(t, "streamportal_hooks_total", ("method", "publishStream"), ("status", "400")) &&
            Matches(t, "streamportal_hooks_total", ("method", "other"), ("status", "200")) &&
            Matches(t, "streamportal_hooks_rejected_total", ("reason", "invalid_body")));
        // The duration histogram, the queue gauge and the writer's own meter are there too.
        Assert.Contains("streamportal_hook_duration_seconds_bucket", text);
        Assert.Contains("streamportal_ingest_queue_depth", text);
        Assert.Contains("streamportal_ingest_batch_size", text);
        // .NET's runtime meter: GC pauses and collections by generation, read beside the hook tail.
        Assert.Contains("dotnet_gc_pause_time_seconds_total", text);
        Assert.Contains(text.Split('\n'), line => line.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal) &&
                                                  line.Contains("gc_heap_generation=\"gen0\"", StringComparison.Ordinal));
        // A made-up method name never becomes a label value.
        Assert.DoesNotContain("madeUpMethod", text);
    }

    [Fact]
    public async Task A_hook_a_rule_answers_counts_as_a_hit_of_that_rule()
    {
        var api = Factory.CreateApiClient();
        var created = await api.PostAsync("/api/rules", new StringContent(
            """{ "name": "refuse plays", "match": { "methods": ["playStream"] }, "answer": { "status": 403 } }""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ruleId = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        var hook = await Factory.CreateClient().PostHookAsync("playStream", HookClient.StreamHook("m-rule", "s-rule", "ruled", "PLAYING", published: false));
        Assert.Equal(HttpStatusCode.Forbidden, hook.StatusCode);

        await ScrapeUntilAsync(api, t =>
            Matches(t, "streamportal_rule_hits_total", ("rule_id", ruleId.ToString())) &&
            Matches(t, "streamportal_hooks_total", ("method", "playStream"), ("status", "403")));
    }

    [Fact]
    public async Task The_x_api_key_header_is_accepted_too()
    {
        var response = await Factory.CreateApiClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    private static bool Matches(string text, string metric, params (string Label, string Value)[] labels) =>
        text.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) &&
                                     labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)) &&
                                     Regex.IsMatch(line, @"\} [1-9]"));

    /// <summary>The exporter caches a scrape briefly: asks again until the condition holds (10 s at most).</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (condition(text)) return text;
            if (DateTime.UtcNow > deadline) Assert.Fail("The expected metrics never appeared:\n" + text);
            await Task.Delay(100);
        }
    }
}

/// <summary>StreamPortal:Metrics:Anonymous=true: a Prometheus that cannot send a key may scrape.</summary>
public sealed class AnonymousMetricsTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Metrics:Anonymous"] = "true";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Metrics_are_served_without_a_key()
    {
        var response = await Factory.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("streamportal_ingest_queue_depth", await response.Content.ReadAsStringAsync());
    }
}
