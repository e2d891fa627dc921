using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Data.Entities;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Auth;

/// <summary>
/// Finding 9: a lockout anonymous callers could use against the real admin, user names told apart by timing, no rate
/// limit, a logout without its token, a 500 for a return URL with control characters.
/// </summary>
public sealed partial class LoginAbuseTests : PortalTest
{
    private const string ClientHeader = "X-Test-Client";
    private readonly CountingHasher _hasher = new();
    private WebApplicationFactory<Program> _portal = default!;

    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Auth:MaxFailedLogins"] = "3";
        // TestServer has no remote address: a test-only filter takes it from a header, so that tests can be two clients.
        _portal = Factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            s.AddSingleton<IPasswordHasher<PortalUser>>(_hasher);
        }));
        return Task.CompletedTask;
    }

    private HttpClient Browser(string address)
    {
        var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    [Fact]
    public async Task Wrong_passwords_from_one_address_do_not_lock_the_admin_out_from_another()
    {
        var attacker = Browser("203.0.113.66");
        for (var i = 0; i < 2; i++) Assert.StartsWith("/login?error=invalid", await LoginForm.PostAsync(attacker, "admin", "guess-" + i));
        Assert.StartsWith("/login?error=locked", await LoginForm.PostAsync(attacker, "admin", "guess-2"));
        Assert.StartsWith("/login?error=locked", await LoginForm.PostAsync(attacker, "admin", PortalFactory.AdminPassword));

        var admin = Browser("198.51.100.7");
        Assert.Equal("/", await LoginForm.PostAsync(admin, "admin", PortalFactory.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/events")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_is_answered_and_locked_like_a_wrong_password()
    {
        var client = Browser("203.0.113.5");
        var known = new List<string?>();
        var unknown = new List<string?>();
        for (var i = 0; i < 3; i++) known.Add(Error(await LoginForm.PostAsync(client, "admin", "guess-" + i)));
        for (var i = 0; i < 3; i++) unknown.Add(Error(await LoginForm.PostAsync(client, "nobody-here", "guess-" + i)));
        Assert.Equal(["invalid", "invalid", "locked"], known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task Unknown_users_locked_pairs_and_wrong_passwords_all_cost_one_password_hash()
    {
        _ = _portal.Server;
        var users = _portal.Services.GetRequiredService<UserAccounts>();
        foreach (var (user, password) in new[] { ("nobody", "x"), ("admin", "wrong-1"), ("admin", "wrong-2"), ("admin", "wrong-3"), ("admin", PortalFactory.AdminPassword) })
        {
            var before = _hasher.Verifications;
            await users.CheckPasswordAsync(user, password, "203.0.113.9", default);
            Assert.Equal(before + 1, _hasher.Verifications);
        }
        // The last check was the right password on a locked pair: refused, after the same work.
        Assert.Equal(SignInOutcome.LockedOut, (await users.CheckPasswordAsync("admin", PortalFactory.AdminPassword, "203.0.113.9", default)).Outcome);
    }

    [Fact]
    public async Task Too_many_attempts_from_one_address_get_429_problem_json_and_others_still_sign_in()
    {
        var attacker = Browser("203.0.113.77");
        var token = await TokenAsync(attacker);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var response = await attacker.PostAsync("/account/login", Form(token, ("username", "u" + i), ("password", "p")));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Too many sign-in attempts", await response.Content.ReadAsStringAsync());
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal("/", await LoginForm.PostAsync(Browser("198.51.100.8"), "admin", PortalFactory.AdminPassword));
    }

    [Fact]
    public async Task A_logout_without_the_token_or_by_get_does_not_log_out()
    {
        var client = Browser("198.51.100.9");
        await LoginForm.SignInAsync(client, "admin", PortalFactory.AdminPassword);
        var tokenless = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        Assert.Equal("application/problem+json", tokenless.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.Redirect, (await client.GetAsync("/account/logout")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await client.PostAsync("/account/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);

        var withToken = await client.PostAsync("/account/logout", Form(await TokenAsync(client)));
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/events")).StatusCode);
    }

    [Theory]
    [InlineData("/events\tx")]
    [InlineData("/events\r\nLocation: https://evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_url_with_control_characters_or_off_site_sends_home_after_a_right_password(string returnUrl)
    {
        var client = Browser("198.51.100.10");
        Assert.Equal("/", await LoginForm.PostAsync(client, "admin", PortalFactory.AdminPassword, returnUrl));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
    }

    private static string? Error(string? location) => location is null ? null : ErrorPattern().Match(location).Groups[1].Value;

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        return WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

    [GeneratedRegex("error=([a-z]+)")]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(ClientHeader, out var address)) http.Connection.RemoteIpAddress = IPAddress.Parse(address!);
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>The real hasher, counting verifications: the same count for every outcome means the same work.</summary>
    private sealed class CountingHasher : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
