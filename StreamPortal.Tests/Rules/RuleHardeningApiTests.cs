using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Rules;

/// <summary>Rules that would break answers or the hook path are refused at save time, with problem JSON naming each problem.</summary>
public sealed class RuleHardeningApiTests : PortalTest
{
    private HttpClient _api = null!;
    private HttpClient _hooks = null!;

    public override Task InitializeAsync()
    {
        _api = Factory.CreateApiClient();
        _hooks = Factory.CreateClient();
        return Task.CompletedTask;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body, string? ContentType)> PostAsync(string url, string json)
    {
        var response = await _api.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_header_value_with_a_non_ascii_character_is_refused_naming_the_header()
    {
        var (status, body, type) = await PostAsync("/api/rules",
            """{ "name": "accent", "answer": { "status": 503, "headers": { "X-A": "café", "X-Ok": "fine" } } }""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(["answer.headers.X-A"], body["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await _api.GetItemsAsync("/api/rules"));
    }

    /// <summary>Before, the draft passed validation and the compiler threw: the dry run answered 500.</summary>
    [Fact]
    public async Task Header_names_differing_only_by_case_are_a_400_for_save_and_dry_run()
    {
        const string rule = """{ "name": "dup", "answer": { "status": 503, "headers": { "X-A": "1", "x-a": "2" } } }""";
        var saved = await PostAsync("/api/rules", rule);
        Assert.Equal(HttpStatusCode.BadRequest, saved.Status);
        Assert.True(saved.Body["errors"]!.AsObject().ContainsKey("answer.headers.x-a"), saved.Body.ToJsonString());

        var dry = await PostAsync("/api/rules/dry-run", $$"""{ "rule": {{rule}} }""");
        Assert.Equal(HttpStatusCode.BadRequest, dry.Status);
        Assert.True(dry.Body["errors"]!.AsObject().ContainsKey("rule.answer.headers.x-a"), dry.Body.ToJsonString());
    }

    /// <summary>A rule stored before the header checks is not answered with, and the API says why it is inactive.</summary>
    [Fact]
    public async Task A_stored_rule_with_a_bad_header_is_skipped_and_shown_with_its_problem()
    {
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var row = new ResponseRule { Order = 1, CreatedAtMs = 1, UpdatedAtMs = 1 };
        RuleStore.Write(row, new RuleDefinition("legacy", true, 1, new RuleMatch(["publishStream"], null, null, [], null, []),
            new RuleAnswer(503, new AnswerBody(AnswerBodyMode.Mirror, null), new Dictionary<string, string> { ["X-A"] = "café" }, 0, null),
            new RuleLimits(1, null, null, null)));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Rules.Add(row);
            await db.SaveChangesAsync();
        }
        await Factory.Services.GetRequiredService<RuleSnapshotLoader>().ReloadAsync(default);

        var hook = await _hooks.PostHookAsync("publishStream", HookClient.StreamHook(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "s1", "PENDING"));
        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        Assert.False(hook.Headers.Contains("X-A"));
        var view = await _api.GetObjectAsync($"/api/rules/{row.Id}");
        Assert.Contains("answer.headers.X-A", view["problem"]!.GetValue<string>());
        Assert.Equal(0, view["hitCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_custom_body_over_the_limit_is_refused_naming_the_limit()
    {
        var limit = Factory.Services.GetRequiredService<IOptions<RuleOptions>>().Value.MaxAnswerBodyBytes;
        Assert.Equal(64 * 1024, limit);
        var big = new JsonObject { ["name"] = "big", ["answer"] = new JsonObject
        {
            ["status"] = 500,
            ["body"] = new JsonObject { ["mode"] = "custom", ["json"] = new JsonObject { ["pad"] = new string('x', limit) } },
        } };
        var response = await _api.PostAsJsonAsync("/api/rules", big);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var message = Assert.Single(problem["errors"]!["answer.body.json"]!.AsArray())!.GetValue<string>();
        Assert.Contains("StreamPortal:Rules:MaxAnswerBodyBytes", message);
        Assert.Contains($"{limit}", message);

        big["answer"]!["body"]!["mode"] = "overrides";
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.PostAsJsonAsync("/api/rules", big)).StatusCode);
        big["answer"]!["body"]!["json"]!["pad"] = new string('x', 1000);
        Assert.Equal(HttpStatusCode.Created, (await _api.PostAsJsonAsync("/api/rules", big)).StatusCode);
    }
}
