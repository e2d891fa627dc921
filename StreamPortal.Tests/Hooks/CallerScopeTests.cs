using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Hooks;

/// <summary>
/// Which app segments a caller entry protects: its own whatever the case of the URL, and "*" every app without an
/// entry. A forged DISCONNECTED must never end a protected session.
/// </summary>
public abstract class CallerScopeTests(string configuredApp) : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings[$"StreamPortal:Hooks:Callers:{configuredApp}:Username"] = "wcs";
        Factory.Settings[$"StreamPortal:Hooks:Callers:{configuredApp}:Password"] = "s3cret";
        return Task.CompletedTask;
    }

    private static void Basic(HttpRequestMessage r) =>
        r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("wcs:s3cret")));

    /// <summary>Opens a session through <paramref name="app"/> with credentials, then forges its disconnect through <paramref name="forgedApp"/>.</summary>
    protected async Task Forged_disconnect_is_refused_and_the_session_stays_open(string app, string forgedApp)
    {
        var client = Factory.CreateClient();
        var sessionId = Guid.NewGuid().ToString();
        var connect = await client.PostRawHookAsync(WcsMethod.Connect, HookClient.ConnectionHook(sessionId).ToJsonString(), app, configure: Basic);
        Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
        var established = await client.PostRawHookAsync(WcsMethod.ConnectionStatusEvent,
            HookClient.ConnectionHook(sessionId, SessionStatus.Established).ToJsonString(), app, configure: Basic);
        Assert.Equal(HttpStatusCode.OK, established.StatusCode);

        var forged = await client.PostRawHookAsync(WcsMethod.ConnectionStatusEvent,
            HookClient.ConnectionHook(sessionId, SessionStatus.Disconnected).ToJsonString(), forgedApp);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var session = await Factory.CreateApiClient().GetObjectAsync($"/api/sessions/{sessionId}");
        Assert.Equal(SessionStatus.Established, session["status"]!.GetValue<string>());
    }
}

public sealed class NamedCallerScopeTests() : CallerScopeTests("secure")
{
    [Theory]
    [InlineData("SECURE")]
    [InlineData("Secure")]
    [InlineData("secure")]
    public Task An_entry_protects_its_app_in_any_case(string forgedApp) =>
        Forged_disconnect_is_refused_and_the_session_stays_open("secure", forgedApp);

    [Fact]
    public async Task Apps_without_an_entry_stay_open_when_there_is_no_wildcard()
    {
        var response = await Factory.CreateClient().PostHookAsync(WcsMethod.Connect, HookClient.ConnectionHook(Guid.NewGuid().ToString()), "open_app");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class WildcardCallerScopeTests() : CallerScopeTests("*")
{
    [Theory]
    [InlineData("my_api", "my_api")]
    [InlineData("my_api", "MY_API")]
    [InlineData("other", "anything_else")]
    public Task The_wildcard_protects_every_app(string app, string forgedApp) =>
        Forged_disconnect_is_refused_and_the_session_stays_open(app, forgedApp);
}
