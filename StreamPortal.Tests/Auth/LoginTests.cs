using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Data;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Auth;

public sealed class LoginTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Auth:MaxFailedLogins"] = "3";
        return Task.CompletedTask;
    }

    private HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task The_login_form_has_the_contracted_fields()
    {
        var html = await (await Browser().GetAsync("/login")).Content.ReadAsStringAsync();
        Assert.Contains("name=\"username\"", html);
        Assert.Matches("<input[^>]*name=\"password\"[^>]*type=\"password\"", html);
        Assert.Contains("<button type=\"submit\"", html);
    }

    [Fact]
    public async Task The_initial_admin_signs_in_and_goes_back_to_the_page_asked_for()
    {
        var client = Browser();
        var location = await LoginForm.PostAsync(client, "admin", PortalFactory.AdminPassword, "/events?stream=a");
        Assert.Equal("/events?stream=a", location);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        Assert.Equal("/", await LoginForm.PostAsync(Browser(), "admin", PortalFactory.AdminPassword, "https://evil.example/"));
        Assert.Equal("/", await LoginForm.PostAsync(Browser(), "admin", PortalFactory.AdminPassword, "//evil.example/"));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var client = Browser();
        Assert.StartsWith("/login?error=invalid", await LoginForm.PostAsync(client, "admin", "wrong-1"));
        Assert.StartsWith("/login?error=invalid", await LoginForm.PostAsync(client, "admin", "wrong-2"));
        Assert.StartsWith("/login?error=locked", await LoginForm.PostAsync(client, "admin", "wrong-3"));
        Assert.StartsWith("/login?error=locked", await LoginForm.PostAsync(client, "admin", PortalFactory.AdminPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/events")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var response = await Browser().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = PortalFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task The_password_is_stored_hashed()
    {
        Factory.CreateClient();
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var admin = await db.Users.SingleAsync();
        Assert.Equal(UserAccounts.InitialAdmin, admin.UserName);
        Assert.Equal(PortalRoles.Admin, admin.Role);
        Assert.DoesNotContain(PortalFactory.AdminPassword, admin.PasswordHash);
        Assert.True(admin.PasswordHash.Length > 40);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var client = Browser();
        await LoginForm.SignInAsync(client, "admin", PortalFactory.AdminPassword);
        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/events")).StatusCode);
    }
}

public sealed class DeletedUserCookieTests : PortalTest
{
    [Fact]
    public async Task The_cookie_of_a_deleted_user_stops_working()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var users = Factory.Services.GetRequiredService<UserAccounts>();
        Assert.Null(await users.CreateAsync("temp", "temp-password-1", PortalRoles.Viewer, default));
        await LoginForm.SignInAsync(client, "temp", "temp-password-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
        Assert.Null(await users.DeleteAsync("temp", "admin", default));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/events")).StatusCode);
    }
}
