using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_still_work()
    {
        using var database = new TempDatabase();
        var pfx = Path.Combine(Path.GetDirectoryName(database.Path)!, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=StreamPortal test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }
        // UseSetting, not Settings: the app reads this section while registering services, before the test's
        // ConfigureAppConfiguration is applied (environment variables and appsettings.json are there by then).
        WebApplicationFactory<Program> Portal(PortalFactory portal) => portal.WithWebHostBuilder(b => b
            .UseSetting("StreamPortal:DataProtection:CertificatePath", pfx)
            .UseSetting("StreamPortal:DataProtection:CertificatePassword", "pfx-password"));
        string cookie;
        await using (var first = OnDatabase(database)) cookie = await SignInAsync(Portal(first));
        await using (var second = OnDatabase(database)) Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(Portal(second), cookie));
        SqliteConnection.ClearAllPools();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys";
        var xml = (string)command.ExecuteScalar()!;
        Assert.Contains("EncryptedData", xml);
        Assert.DoesNotContain("<masterKey", xml.Replace("encryptedSecret", ""));
    }

    private static PortalFactory OnDatabase(TempDatabase database) =>
        new() { Settings = { ["ConnectionStrings:Portal"] = database.ConnectionString } };

    private static async Task<string> SignInAsync(WebApplicationFactory<Program> portal)
    {
        var cookies = new CookieContainerHandler();
        var client = portal.CreateDefaultClient(cookies);
        await LoginForm.SignInAsync(client, "admin", PortalFactory.AdminPassword);
        var cookie = cookies.Container.GetCookies(client.BaseAddress!)[CookieName];
        Assert.NotNull(cookie);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(portal, cookie.Value));
        return cookie.Value;
    }

    private static async Task<HttpStatusCode> ApiStatusAsync(WebApplicationFactory<Program> portal, string cookie)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        return (await client.SendAsync(request)).StatusCode;
    }
}
