using System.Text.Json;
using StreamPortal.Components.Model;

namespace StreamPortal.Tests.Components.Model;

public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome 124 · Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "Safari 17.4 · macOS")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "Edge 120 · Windows")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox 125 · Linux")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36", "Chrome 124 · Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "Safari 17.4 · iOS")]
    [InlineData("okhttp/4.12.0", "OkHttp 4.12")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void User_agents_are_said_as_browser_and_system(string? userAgent, string expected) =>
        Assert.Equal(expected, UserAgentText.Short(userAgent));

    [Fact]
    public void An_unknown_user_agent_is_cut_not_dropped() =>
        Assert.Equal(new string('x', 40) + "…", UserAgentText.Short(new string('x', 90)));

    [Theory]
    [InlineData("Xq3LpV8mT2nR6wYc0sKdE1aBfGhJ4uZo@203.0.113.10", "203.0.113.10")]
    [InlineData("plainnode", "plainnode")]
    [InlineData("hash@", "hash@")]
    [InlineData(null, "")]
    public void Nodes_are_shown_by_address(string? nodeId, string expected) => Assert.Equal(expected, NodeText.Address(nodeId));

    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    [Fact]
    public void Credential_keys_and_jwt_shaped_strings_are_masked_at_any_depth()
    {
        using var doc = JsonDocument.Parse($$"""
            {"custom":{"login":"alice","token":"{{Jwt}}","Password":"hunter2","clientSecret":{"a":1},"note":"{{Jwt}}"},
             "list":["{{Jwt}}","plain"],"name":"lecture"}
            """);
        var masked = SecretMask.Apply(doc.RootElement)!.Value;
        var custom = masked.GetProperty("custom");
        Assert.Equal("alice", custom.GetProperty("login").GetString());
        Assert.Equal(SecretMask.Mask, custom.GetProperty("token").GetString());
        Assert.Equal(SecretMask.Mask, custom.GetProperty("Password").GetString());
        Assert.Equal(SecretMask.Mask, custom.GetProperty("clientSecret").GetString());
        Assert.Equal(SecretMask.Mask, custom.GetProperty("note").GetString());
        Assert.Equal(SecretMask.Mask, masked.GetProperty("list")[0].GetString());
        Assert.Equal("plain", masked.GetProperty("list")[1].GetString());
        Assert.Equal("lecture", masked.GetProperty("name").GetString());
        Assert.DoesNotContain("hunter2", masked.GetRawText());
    }

    [Fact]
    public void A_body_without_secrets_is_left_as_it_is_and_raw_text_loses_its_jwts()
    {
        using var doc = JsonDocument.Parse("""{"name":"lecture","appKey":"live"}""");
        Assert.Equal(doc.RootElement.GetRawText(), SecretMask.Apply(doc.RootElement)!.Value.GetRawText());
        Assert.Equal($"token={SecretMask.Mask}&x=1", SecretMask.ApplyText($"token={Jwt}&x=1"));
        Assert.Equal(SecretMask.Mask, SecretMask.Header("Authorization", "Bearer abc"));
        Assert.Equal("application/json", SecretMask.Header("Content-Type", "application/json"));
    }
}
