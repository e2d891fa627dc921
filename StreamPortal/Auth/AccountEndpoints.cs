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
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", (Delegate)LogoutAsync).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return routes;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, UserAccounts users,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        var target = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
            return Results.Redirect(LoginUrl("missing", target));
        var result = await users.CheckPasswordAsync(username, password, ct);
        if (result.Outcome != SignInOutcome.Success)
            return Results.Redirect(LoginUrl(result.Outcome == SignInOutcome.LockedOut ? "locked" : "invalid", target));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, result.UserName!), new Claim(ClaimTypes.Role, result.Role!)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(target);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/login");
    }

    /// <summary>Only local paths: an open redirect after login would be a phishing aid.</summary>
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";

    private static string LoginUrl(string error, string returnUrl) =>
        $"/login?error={error}&ReturnUrl={Uri.EscapeDataString(returnUrl)}";
}
