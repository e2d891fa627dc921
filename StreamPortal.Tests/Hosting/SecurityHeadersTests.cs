using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hosting;

/// <summary>Every console, API and hub answer carries the security headers; hooks (short-circuited) do not need them.</summary>
public sealed class SecurityHeadersTests : PortalTest
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/events")]
    [InlineData("/api/events")]
    [InlineData("/no-such-page")]
    public async Task A_signed_in_answer_carries_the_security_headers(string path)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await LoginForm.SignInAsync(client, "admin", PortalFactory.AdminPassword);
        AssertSecurityHeaders(await client.GetAsync(path));
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/events")]
    [InlineData("/api/events")]
    public async Task An_anonymous_answer_carries_them_too(string path)
    {
        var response = await Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path);
        // The login page itself, a redirect to it, or 401 problem JSON: each with the headers.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.Unauthorized });
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task The_policy_allows_scripts_only_from_the_portal_and_the_nonce_of_the_page()
    {
        var response = await Factory.CreateClient().GetAsync("/login");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html);
        // A fresh nonce per answer: a nonce that repeats could be copied into injected markup.
        var again = string.Join(";", (await Factory.CreateClient().GetAsync("/login")).Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain(nonce, again);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("connect-src 'self' ws: wss:", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
