using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Rules;

/// <summary>What WCS is sent in restClientConfig: exactly the members it documents (wcs-hooks.md), nothing of the console's model.</summary>
public sealed class ConnectAnswerWireTests : PortalTest
{
    private static readonly string[] WcsMembers = ["clientExclude", "restExclude", "restOnError", "restOverwrite", "restPolicy"];

    private HttpClient _api = null!;
    private HttpClient _hooks = null!;

    public override Task InitializeAsync()
    {
        _api = Factory.CreateApiClient();
        _hooks = Factory.CreateClient();
        return Task.CompletedTask;
    }

    private static void AssertOnlyWcsMembers(JsonNode? config, params string[] methods)
    {
        var byMethod = Assert.IsType<JsonObject>(config);
        Assert.Equal(methods.Order(StringComparer.Ordinal), byMethod.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (method, policy) in byMethod)
            Assert.True(WcsMembers.SequenceEqual(Assert.IsType<JsonObject>(policy).Select(p => p.Key).Order(StringComparer.Ordinal)),
                $"{method}: {policy!.ToJsonString()}");
    }

    private async Task<JsonObject> ConnectAsync(string sessionId)
    {
        var response = await _hooks.PostHookAsync("connect", HookClient.ConnectionHook(sessionId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task A_connect_answer_the_stored_session_and_the_api_carry_only_the_five_wcs_members_per_method()
    {
        var put = await _api.PutAsJsonAsync("/api/apps/defaultApp/connect-policy", JsonNode.Parse("""
            { "restClientConfig": { "publishStream": { "restOnError": "FAIL" }, "playStream": { "restOnError": "LOG", "restPolicy": "OVERWRITE" } } }
            """));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        AssertOnlyWcsMembers(JsonNode.Parse(await put.Content.ReadAsStringAsync())!["restClientConfig"], "publishStream", "playStream");

        var sessionId = Guid.NewGuid().ToString();
        var answer = await ConnectAsync(sessionId);
        AssertOnlyWcsMembers(answer["restClientConfig"], "publishStream", "playStream");

        AssertOnlyWcsMembers((await _api.GetObjectAsync($"/api/sessions/{sessionId}"))["restClientConfig"], "publishStream", "playStream");
        AssertOnlyWcsMembers((await _api.GetObjectAsync("/api/apps/defaultApp/connect-policy"))["restClientConfig"], "publishStream", "playStream");
        AssertOnlyWcsMembers((await _api.GetItemsAsync("/api/connect-policies"))[0]!["restClientConfig"], "publishStream", "playStream");
    }

    /// <summary>Policies saved by an older build hold "fails" in their stored JSON; it is not passed on to WCS.</summary>
    [Fact]
    public async Task A_policy_stored_with_the_computed_member_is_answered_without_it()
    {
        _ = Factory.CreateClient();
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ConnectPolicies.Add(new ConnectPolicy
            {
                AppKey = "defaultApp",
                RestClientConfigJson = """{"publishStream":{"restOnError":"FAIL","restPolicy":"NOTIFY","restOverwrite":"","restExclude":"","clientExclude":"","fails":true}}""",
                UpdatedAtMs = 1,
            });
            await db.SaveChangesAsync();
        }
        await Factory.Services.GetRequiredService<RuleSnapshotLoader>().ReloadAsync(default);

        var answer = await ConnectAsync(Guid.NewGuid().ToString());
        AssertOnlyWcsMembers(answer["restClientConfig"], "publishStream");
        Assert.Equal("FAIL", answer["restClientConfig"]!["publishStream"]!["restOnError"]!.GetValue<string>());
    }
}
