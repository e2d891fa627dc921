using Bunit;
using StreamPortal.Auth;
using StreamPortal.Components.Pages;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Controls;

public sealed class ReplayControlsTests : ConsoleBunitContext
{
    private const string Id = "/192.168.1.102:4388/192.168.1.101:8443";

    [Fact]
    public async Task An_admin_gets_replay_and_a_bundle_link_on_the_session_page()
    {
        // bUnit grants policies by name, not by evaluating them: CanEdit is the admin role's in the app.
        Auth.SetPolicies(PortalRoles.CanEdit);
        await AddAsync(Session(Id, "ESTABLISHED", "carol"));
        await AddEventsAsync(Hook("connect", sessionId: Id));

        var cut = Render<SessionDetails>(p => p.Add(x => x.SessionId, Uri.EscapeDataString(Id)));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=replay-button]")));
        Assert.Equal($"/api/sessions/{Uri.EscapeDataString(Id)}/bundle", cut.Find("[data-testid=bundle-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_viewer_gets_the_bundle_link_but_no_replay()
    {
        SignInAs("watcher", PortalRoles.Viewer);
        await AddAsync(Stream("m-view", "cam", "PUBLISHING", sessionId: "s-view"));
        await AddEventsAsync(Hook("publishStream", "cam", "s-view", "m-view", "PENDING"));

        var cut = Render<StreamDetails>(p => p.Add(x => x.MediaSessionId, "m-view"));

        cut.WaitForAssertion(() => Assert.Equal("/api/streams/m-view/bundle", cut.Find("[data-testid=bundle-link]").GetAttribute("href")));
        Assert.Empty(cut.FindAll("[data-testid=replay-button]"));
    }
}
