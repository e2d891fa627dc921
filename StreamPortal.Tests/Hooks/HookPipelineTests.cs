using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>
/// Hooks run straight from routing: none of the console's middleware (error and status-code pages, authentication,
/// authorization, antiforgery) sees them. /api staying behind sign-in is AnonymousAccessTests' part.
/// </summary>
public sealed class HookPipelineTests : PortalTest
{
    private HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_hook_is_answered_200_with_its_body_mirrored_and_no_cookie()
    {
        var body = HookClient.ConnectionHook(Guid.NewGuid().ToString());
        var response = await Factory.CreateClient().PostHookAsync("connect", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(await response.Content.ReadAsStringAsync())));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_empty_error_answer_of_a_rule_is_not_replaced_by_the_not_found_page()
    {
        var api = Factory.CreateApiClient();
        var rule = await api.PostAsync("/api/rules", new StringContent(
            """{ "name": "gone", "match": { "methods": ["playStream"] }, "answer": { "status": 404, "body": { "mode": "empty" } } }""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.True(rule.IsSuccessStatusCode, $"creating the rule: {(int)rule.StatusCode}");

        var response = await Factory.CreateClient().PostHookAsync("playStream",
            HookClient.StreamHook(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "s", "PENDING", published: false));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    /// <summary>
    /// A cookie whose user was deleted is signed out (Set-Cookie) wherever authentication runs; a hook that carries it
    /// is answered as any other, without touching it.
    /// </summary>
    [Fact]
    public async Task A_stale_console_cookie_is_left_alone_by_hooks_and_signed_out_by_the_api()
    {
        var client = Browser();
        Factory.CreateClient();
        var users = Factory.Services.GetRequiredService<UserAccounts>();
        Assert.Null(await users.CreateAsync("vera", "viewer-pass-1", PortalRoles.Viewer, default));
        await LoginForm.SignInAsync(client, "vera", "viewer-pass-1");
        Assert.Null(await users.DeleteAsync("vera", "admin", default));

        var hook = await client.PostHookAsync("connect", HookClient.ConnectionHook(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        Assert.False(hook.Headers.Contains("Set-Cookie"));

        var api = await client.GetAsync("/api/events");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains(api.Headers.GetValues("Set-Cookie"), c => c.StartsWith("StreamPortal.Auth=;", StringComparison.Ordinal));
    }

    [Fact]
    public void The_hook_endpoint_short_circuits_anonymously_without_antiforgery()
    {
        Factory.CreateClient();
        var hook = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "WcsHook");
        // ShortCircuit() adds an internal ShortCircuitMetadata: looked up by name.
        Assert.Contains(hook.Metadata, m => m.GetType().Name == "ShortCircuitMetadata");
        Assert.NotNull(hook.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.Null(hook.Metadata.GetMetadata<IAuthorizeData>());
        Assert.False(hook.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation ?? false);
    }
}
