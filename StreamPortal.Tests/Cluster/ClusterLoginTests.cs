using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Data;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Cluster;

/// <summary>
/// One sign-in for the whole cluster: the Data Protection keys are in the shared database, so a cookie or an
/// antiforgery token made by one instance is read by the other, also when both started together on a fresh database.
/// </summary>
public sealed partial class ClusterLoginTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [ClusterFact]
    public async Task A_cookie_issued_by_a_is_accepted_by_b_and_a_stranger_is_not()
    {
        await using var pair = await ClusterPair.StartAsync();
        var cookies = new CookieContainer();
        var a = pair.A.CreateDefaultClient(new CookieContainerHandler(cookies));
        var b = pair.B.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.GetAsync("/api/rules")).StatusCode);

        await LoginForm.SignInAsync(a, "admin", PortalFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/")).StatusCode);
    }

    [ClusterFact]
    public async Task A_user_deleted_on_a_is_signed_out_on_b_within_one_second()
    {
        await using var pair = await ClusterPair.StartAsync();
        var accounts = pair.A.Services.GetRequiredService<UserAccounts>();
        Assert.Null(await accounts.CreateAsync("leaver", "Leaver-Password-1", PortalRoles.Viewer, CancellationToken.None));
        var b = pair.B.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        await LoginForm.SignInAsync(b, "leaver", "Leaver-Password-1");
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/rules")).StatusCode);

        Assert.Null(await accounts.DeleteAsync("leaver", "admin", CancellationToken.None));
        // b checked (and cached, for 30 s) the role at the request above: only the message can make it look again.
        var elapsed = await ClusterPair.WaitUntilAsync(async () => (await b.GetAsync("/api/rules")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "b refuses the deleted user's cookie");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"b still accepted the deleted user for {elapsed.TotalMilliseconds:F0} ms");
    }

    [ClusterFact]
    public async Task The_login_form_served_by_a_can_be_posted_to_b()
    {
        await using var pair = await ClusterPair.StartAsync();
        var cookies = new CookieContainer();
        var a = pair.A.CreateDefaultClient(new CookieContainerHandler(cookies));
        var b = pair.B.CreateDefaultClient(new CookieContainerHandler(cookies));

        var page = await (await a.GetAsync("/login")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        Assert.NotEmpty(token);
        var response = await b.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = "admin",
            ["password"] = PortalFactory.AdminPassword,
            ["returnUrl"] = "",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Location?.OriginalString.StartsWith("/login") ?? true, $"sign-in on b failed: {response.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/rules")).StatusCode);
    }

    [ClusterFact]
    public async Task Two_instances_started_together_on_a_fresh_database_share_one_key_and_each_others_cookies()
    {
        await using var pair = await ClusterPair.StartAsync();
        var cookiesA = new CookieContainer();
        var cookiesB = new CookieContainer();
        var a = pair.A.CreateDefaultClient(new CookieContainerHandler(cookiesA));
        var b = pair.B.CreateDefaultClient(new CookieContainerHandler(cookiesB));
        // Their first protected payloads at the same moment: neither may make a key of its own that the other lacks.
        await Task.WhenAll(LoginForm.SignInAsync(a, "admin", PortalFactory.AdminPassword), LoginForm.SignInAsync(b, "admin", PortalFactory.AdminPassword));

        await using (var db = await pair.A.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        var onB = pair.B.CreateDefaultClient(new CookieContainerHandler(cookiesA));
        var onA = pair.A.CreateDefaultClient(new CookieContainerHandler(cookiesB));
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/rules")).StatusCode);
    }
}
