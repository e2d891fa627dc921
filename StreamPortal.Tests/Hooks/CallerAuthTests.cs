using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>WCS caller authentication per app segment: HTTP Basic (restUsername/restPassword) and the HMAC-MD5 body signature.</summary>
public sealed class CallerAuthTests : PortalTest
{
    private const string SignatureKey = "wcs-secret-key";

    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Hooks:Callers:basic_app:Username"] = "wcs";
        Factory.Settings["StreamPortal:Hooks:Callers:basic_app:Password"] = "s3cret";
        Factory.Settings["StreamPortal:Hooks:Callers:signed_app:SignatureKey"] = SignatureKey;
        return Task.CompletedTask;
    }

    private static string Body() => HookClient.ConnectionHook(Guid.NewGuid().ToString()).ToJsonString();

    private static Action<HttpRequestMessage> Basic(string user, string password) => r =>
        r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Action<HttpRequestMessage> Signed(string value) => r => r.Headers.TryAddWithoutValidation("Authorization", value);

    private static string Sign(string body, string key) =>
        Convert.ToHexStringLower(HMACMD5.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task Basic_with_the_right_credentials_is_answered()
    {
        var response = await Factory.CreateClient().PostRawHookAsync("connect", Body(), "basic_app", configure: Basic("wcs", "s3cret"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wcs", "wrong")]
    [InlineData("other", "s3cret")]
    [InlineData(null, null)]
    public async Task Basic_missing_or_wrong_is_401_and_recorded(string? user, string? password)
    {
        var body = Body();
        var response = await Factory.CreateClient().PostRawHookAsync("connect", body, "basic_app",
            configure: user is null ? null : Basic(user, password!));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
        var eventId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["eventId"]!.GetValue<long>();
        var stored = await Factory.CreateApiClient().GetObjectAsync($"/api/events/{eventId}");
        Assert.True(stored["rejected"]!.GetValue<bool>());
        Assert.Equal(401, stored["answerStatus"]!.GetValue<int>());
        Assert.Equal(body, stored["rawBody"]!.GetValue<string>());
        // The stored headers never keep the credentials themselves.
        Assert.DoesNotContain("s3cret", stored["headers"]!.ToJsonString());
    }

    [Fact]
    public async Task A_correct_body_signature_is_answered()
    {
        var body = Body();
        var response = await Factory.CreateClient().PostRawHookAsync("connect", body, "signed_app", configure: Signed("WCS " + Sign(body, SignatureKey)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("WCS 00000000000000000000000000000000")]
    [InlineData("WCS ")]
    [InlineData(null)]
    public async Task A_missing_or_wrong_signature_is_403_and_recorded(string? authorization)
    {
        var body = Body();
        var response = await Factory.CreateClient().PostRawHookAsync("connect", body, "signed_app",
            configure: authorization is null ? null : Signed(authorization));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var eventId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["eventId"]!.GetValue<long>();
        var stored = await Factory.CreateApiClient().GetObjectAsync($"/api/events/{eventId}");
        Assert.True(stored["rejected"]!.GetValue<bool>());
        Assert.Equal(403, stored["answerStatus"]!.GetValue<int>());
        Assert.Contains("signature", stored["rejectReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signature_of_another_body_is_403()
    {
        var body = Body();
        var response = await Factory.CreateClient().PostRawHookAsync("connect", body, "signed_app", configure: Signed("WCS " + Sign(body + " ", SignatureKey)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Apps_without_configured_credentials_stay_open()
    {
        var response = await Factory.CreateClient().PostRawHookAsync("connect", Body(), "my_api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
