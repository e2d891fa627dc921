using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StreamPortal.Hooks;

namespace StreamPortal.Tests.Hooks;

/// <summary>The request headers stored with each hook: every header once, credentials never.</summary>
public sealed class StoredHeadersTests
{
    private static Dictionary<string, string> Stored(IHeaderDictionary headers) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(HookHandler.SerializeHeaders(headers))!;

    [Fact]
    public void Every_header_is_stored_with_its_values_and_credentials_are_redacted()
    {
        var headers = new HeaderDictionary
        {
            ["Content-Type"] = "application/json;charset=UTF-8",
            ["User-Agent"] = "Java/1.8.0_111",
            ["X-Forwarded-For"] = new(["10.0.0.1", "10.0.0.2"]),
            ["X-Note"] = "caf\u00e9 <b>\"quoted\"</b>",
            ["Authorization"] = "Basic d2NzOnMzY3JldA==",
        };

        var stored = Stored(headers);

        Assert.Equal(5, stored.Count);
        Assert.Equal("application/json;charset=UTF-8", stored["Content-Type"]);
        Assert.Equal("10.0.0.1,10.0.0.2", stored["X-Forwarded-For"]);
        Assert.Equal("caf\u00e9 <b>\"quoted\"</b>", stored["X-Note"]);
        Assert.Equal("Basic (redacted)", stored["Authorization"]);
    }

    [Fact]
    public void The_writer_kept_per_thread_starts_clean_for_each_request()
    {
        var first = Stored(new HeaderDictionary { ["A"] = "1", ["B"] = "2" });
        var second = Stored(new HeaderDictionary { ["C"] = "3" });

        Assert.Equal(2, first.Count);
        Assert.Equal(new Dictionary<string, string> { ["C"] = "3" }, second);
        Assert.Empty(Stored(new HeaderDictionary()));
    }

    [Theory]
    [InlineData("Authorization", "Basic d2NzOnMzY3JldA==", "Basic (redacted)", "d2NzOnMzY3JldA")]
    [InlineData("Authorization", "WCS 0123456789abcdef0123456789abcdef", "WCS (redacted)", "0123456789abcdef")]
    [InlineData("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.secret", "Bearer (redacted)", "eyJhbGci")]
    [InlineData("Authorization", "bare-secret-token", "(redacted)", "bare-secret-token")]
    [InlineData("Proxy-Authorization", "Basic cHJveHk6cHc=", "Basic (redacted)", "cHJveHk6cHc")]
    [InlineData("X-Api-Key", "sp_live_0123456789", "(redacted)", "sp_live_0123456789")]
    [InlineData("x-api-key", "sp_live_0123456789", "(redacted)", "sp_live_0123456789")]
    [InlineData("Cookie", ".AspNetCore.Cookies=CfDJ8secret; theme=dark", ".AspNetCore.Cookies=(redacted); theme=(redacted)", "CfDJ8secret")]
    [InlineData("Set-Cookie", "session=abc123secret; Path=/; HttpOnly", "session=(redacted)", "abc123secret")]
    [InlineData("X-Auth-Token", "tok-secret", "(redacted)", "tok-secret")]
    public void Credential_headers_keep_their_scheme_or_names_but_never_the_secret(string name, string value, string expected, string secret)
    {
        var json = HookHandler.SerializeHeaders(new HeaderDictionary { [name] = value, ["User-Agent"] = "Java/1.8.0_111" });

        Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        var stored = Stored(new HeaderDictionary { [name] = value });
        Assert.Equal(expected, stored[name]);
    }
}
