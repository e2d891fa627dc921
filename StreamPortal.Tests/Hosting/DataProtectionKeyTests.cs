using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hosting;

/// <summary>
/// The login cookie is protected by keys kept in the portal's own database: a portal on another database refuses it
/// (it used to accept it, both reading the user's home folder), one on the same database accepts it after a restart.
/// </summary>
public sealed class DataProtectionKeyTests
{
    private const string CookieName = "StreamPortal.Auth";

    [Fact]
    public async Task A_cookie_from_a_portal_on_another_database_is_refused()
    {
        string cookie;
        await using (var first = new PortalFactory()) cookie = await SignInAsync(first);
        await using var second = new PortalFactory();
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(second, cookie));
    }

    [Fact]
    public async Task A_cookie_survives_a_restart_on_the_same_database()
    {
        using var database = new TempDatabase();
        string cookie;
        await using (var before = OnDatabase(database)) cookie = await SignInAsync(before);
        await using var after = OnDatabase(database);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(after, cookie));
    }

    [Fact]
    public async Task The_keys_are_stored_in_the_database()
    {
        using var database = new TempDatabase();
        await using (var portal = OnDatabase(database)) await SignInAsync(portal);
        SqliteConnection.ClearAllPools();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM DataProtectionKeys";
        Assert.True((long)command.ExecuteScalar()! >= 1);
    }

    private static PortalFactory OnDatabase(TempDatabase database) =>
        new() { Settings = { ["ConnectionStrings:Portal"] = database.ConnectionString } };

    private static async Task<string> SignInAsync(PortalFactory portal)
    {
        var cookies = new CookieContainerHandler();
        var client = portal.CreateDefaultClient(cookies);
        await LoginForm.SignInAsync(client, "admin", PortalFactory.AdminPassword);
        var cookie = cookies.Container.GetCookies(client.BaseAddress!)[CookieName];
        Assert.NotNull(cookie);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(portal, cookie.Value));
        return cookie.Value;
    }

    private static async Task<HttpStatusCode> ApiStatusAsync(PortalFactory portal, string cookie)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        return (await client.SendAsync(request)).StatusCode;
    }
}
