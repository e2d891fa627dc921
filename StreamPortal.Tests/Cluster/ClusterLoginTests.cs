using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
