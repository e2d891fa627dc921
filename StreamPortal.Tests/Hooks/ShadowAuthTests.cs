using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>
/// A caller entry in Shadow mode is checked, and what it would have refused is recorded on the event and counted per
/// app, but every hook is served as if there were no check; Enforce entries still refuse, Off entries check nothing.
/// </summary>
public sealed class ShadowAuthTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Hooks:Callers:shadow_basic:Username"] = "wcs";
        Factory.Settings["StreamPortal:Hooks:Callers:shadow_basic:Password"] = "s3cret";
        Factory.Settings["StreamPortal:Hooks:Callers:shadow_basic:Mode"] = "Shadow";
        Factory.Settings["StreamPortal:Hooks:Callers:shadow_signed:SignatureKey"] = "key";
        Factory.Settings["StreamPortal:Hooks:Callers:shadow_signed:Mode"] = "shadow";
        Factory.Settings["StreamPortal:Hooks:Callers:enforced:Username"] = "wcs";
        Factory.Settings["StreamPortal:Hooks:Callers:enforced:Password"] = "s3cret";
        Factory.Settings["StreamPortal:Hooks:Callers:off_app:Username"] = "wcs";
        Factory.Settings["StreamPortal:Hooks:Callers:off_app:Password"] = "s3cret";
        Factory.Settings["StreamPortal:Hooks:Callers:off_app:Mode"] = "Off";
        return Task.CompletedTask;
    }

    private static string Body() => HookClient.ConnectionHook(Guid.NewGuid().ToString()).ToJsonString();

    private static Action<HttpRequestMessage> Basic(string user, string password) => r =>
        r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [Fact]
    public async Task Shadow_entries_serve_every_hook_and_count_what_they_would_have_refused()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await hooks.PostRawHookAsync("connect", Body(), "shadow_basic")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hooks.PostRawHookAsync("connect", Body(), "shadow_basic", configure: Basic("wcs", "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hooks.PostRawHookAsync("connect", Body(), "shadow_basic", configure: Basic("wcs", "s3cret"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hooks.PostRawHookAsync("connect", Body(), "shadow_signed")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hooks.PostRawHookAsync("connect", Body(), "off_app")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hooks.PostRawHookAsync("connect", Body(), "enforced")).StatusCode);

        var counts = (await api.GetAsync("/api/hooks/shadow-auth")).Content.ReadAsStringAsync();
        var list = System.Text.Json.Nodes.JsonNode.Parse(await counts)!.AsArray().Select(a => a!.AsObject()).ToDictionary(a => a["app"]!.GetValue<string>());
        Assert.Equal(["shadow_basic", "shadow_signed"], list.Keys.Order());
        Assert.Equal(3, list["shadow_basic"]["checked"]!.GetValue<long>());
        Assert.Equal(2, list["shadow_basic"]["wouldRefuse"]!.GetValue<long>());
        Assert.StartsWith("401:", list["shadow_basic"]["lastReason"]!.GetValue<string>());
        Assert.Equal(1, list["shadow_signed"]["wouldRefuse"]!.GetValue<long>());
        Assert.StartsWith("403:", list["shadow_signed"]["lastReason"]!.GetValue<string>());

        // Recorded on the events: the refused-in-shadow ones carry the reason, were answered 200 and are not rejected.
        var events = (await api.GetItemsAsync("/api/events?method=connect")).Select(e => e!.AsObject()).ToList();
        var shadowBasic = events.Where(e => e["app"]!.GetValue<string>() == "shadow_basic").ToList();
        Assert.Equal(3, shadowBasic.Count);
        Assert.Equal(2, shadowBasic.Count(e => e["shadowRefusal"] is not null));
        Assert.All(shadowBasic, e => Assert.Equal(200, e["answerStatus"]!.GetValue<int>()));
        Assert.All(shadowBasic, e => Assert.False(e["rejected"]!.GetValue<bool>()));
        Assert.Contains("Wrong user name or password", shadowBasic.Select(e => e["shadowRefusal"]?.GetValue<string>()).OfType<string>().First(r => r.Contains("Wrong")));
        Assert.Null(events.Single(e => e["app"]!.GetValue<string>() == "off_app")["shadowRefusal"]);
    }
}
