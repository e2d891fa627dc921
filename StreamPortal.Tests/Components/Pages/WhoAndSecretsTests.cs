using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Components.Model;
using StreamPortal.Components.Pages;
using StreamPortal.Live;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Pages;

/// <summary>Who a row concerns, secrets masked for viewers, and the dashboard's failure lists.</summary>
public sealed class WhoAndSecretsTests : ConsoleBunitContext
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    private async Task AddSessionWithTokenAsync()
    {
        var session = Session("s-secret", SessionStatus.Established, login: "alice");
        session.Custom = $$"""{"login":"alice","token":"{{Jwt}}"}""";
        session.ClientBrowserVersion = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
        await AddAsync(session);
    }

    [Fact]
    public async Task A_viewer_sees_the_session_token_masked_and_cannot_reveal_it()
    {
        await AddSessionWithTokenAsync();
        SignInAs("viewer", PortalRoles.Viewer);
        var cut = Render<SessionDetails>(p => p.Add(x => x.SessionId, "s-secret"));
        cut.WaitForAssertion(() => Assert.Contains(SecretMask.Mask, cut.Find("[data-testid=session-custom]").TextContent));
        Assert.DoesNotContain(Jwt, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=session-custom-reveal]"));
        Assert.Equal("Chrome 124 · Windows", cut.Find("[data-testid=session-client]").TextContent.Trim());
    }

    [Fact]
    public async Task An_admin_can_reveal_the_token()
    {
        await AddSessionWithTokenAsync();
        var cut = Render<SessionDetails>(p => p.Add(x => x.SessionId, "s-secret"));
        cut.WaitForAssertion(() => Assert.Contains(SecretMask.Mask, cut.Find("[data-testid=session-custom]").TextContent));
        cut.Find("[data-testid=session-custom-reveal]").Click();
        cut.WaitForAssertion(() => Assert.Contains(Jwt, cut.Find("[data-testid=session-custom]").TextContent));
    }

    [Fact]
    public async Task Refused_connects_leave_out_rejected_bodies_carry_the_login_and_page_through_the_hour()
    {
        await AddAsync(Session("s-refused", SessionStatus.Refused, login: "bob"));
        var refused = Enumerable.Range(0, 10).Select(_ => Hook(WcsMethod.Connect, sessionId: "s-refused", answer: 403)).ToArray();
        var rejected = Hook(WcsMethod.Connect, sessionId: "s-broken", answer: 400);
        rejected.Rejected = true;
        await AddEventsAsync([.. refused, rejected]);
        var queries = Services.GetRequiredService<DashboardQueries>();

        var first = await queries.FailuresAsync(new FailurePages(), CancellationToken.None);
        var second = await queries.FailuresAsync(new FailurePages(RefusedConnects: 2), CancellationToken.None);

        Assert.Equal(10, first.RefusedConnects.Total);
        Assert.Equal(DashboardQueries.FailureRows, first.RefusedConnects.Items.Count);
        Assert.Equal(10 - DashboardQueries.FailureRows, second.RefusedConnects.Items.Count);
        Assert.All(first.RefusedConnects.Items, e => Assert.Equal("bob", e.Login));
        Assert.DoesNotContain(first.RefusedConnects.Items.Concat(second.RefusedConnects.Items), e => e.Rejected);
        Assert.Contains(first.Non200Answers, e => e.Rejected);

        // And the dashboard shows who: the login itself, not the expression that should have given it.
        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal("bob", cut.Find("[data-testid=refused-connects] [data-testid=who-login]").TextContent.Trim()));
    }
}
