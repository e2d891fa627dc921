using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace StreamPortal.Auth;

/// <summary>POST /account/login and /account/logout: the static login form posts here (antiforgery checked).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        account.MapPost("/logout", LogoutAsync).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return routes;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, UserAccounts users,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        var target = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
            return Results.Redirect(LoginUrl("missing", target));
        var result = await users.CheckPasswordAsync(username, password, LoginRateLimit.ClientAddress(http), ct);
        if (result.Outcome != SignInOutcome.Success)
            return Results.Redirect(LoginUrl(result.Outcome == SignInOutcome.LockedOut ? "locked" : "invalid", target));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, result.UserName!), new Claim(ClaimTypes.Role, result.Role!)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(target);
    }

    /// <summary>
    /// Only a form post with the token logs out: the antiforgery middleware only records its verdict, and an endpoint
    /// that binds no form field never looks at it, so a cross-site post used to log anyone out.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        // The middleware's verdict when it ran (reading the form again after an invalid token throws), else our own check.
        var valid = http.Features.Get<IAntiforgeryValidationFeature>() is { } verdict
            ? verdict.IsValid
            : await antiforgery.IsRequestValidAsync(http);
        if (!valid)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                detail: "Log out with the console's Log out button (a form post carrying its antiforgery token).");
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/login");
    }

    /// <summary>
    /// Only local paths: an open redirect after login would be a phishing aid. Control characters (a tab, CR, LF) are
    /// refused here too, as LocalRedirect refuses them: it used to throw after a correct password (500).
    /// </summary>
    internal static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 and <= MaxReturnUrlLength } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Any(char.IsControl) && !url.Contains('\\')
            ? url : "/";

    private const int MaxReturnUrlLength = 2048;

    private static string LoginUrl(string error, string returnUrl) =>
        $"/login?error={error}&ReturnUrl={Uri.EscapeDataString(returnUrl)}";
}
