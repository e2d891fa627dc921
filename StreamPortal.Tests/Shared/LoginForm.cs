using System.Net;
using System.Text.RegularExpressions;

namespace StreamPortal.Tests.Shared;

/// <summary>Signs in the way a browser does: GET /login for the antiforgery token, POST the form, keep the cookie.</summary>
public static partial class LoginForm
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <returns>The Location the login answered with.</returns>
    public static async Task<string?> PostAsync(HttpClient client, string user, string password, string? returnUrl = null)
    {
        var page = await (await client.GetAsync("/login")).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(page).Groups[1].Value;
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["username"] = user,
            ["password"] = password,
            ["returnUrl"] = returnUrl ?? "",
        };
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    /// <summary>Signs in and returns where it was sent (asserting success: not back to /login).</summary>
    public static async Task<string?> SignInAsync(HttpClient client, string user, string password)
    {
        var location = await PostAsync(client, user, password);
        Assert.False(location?.StartsWith("/login") ?? true, $"sign-in failed: {location}");
        return location;
    }
}
