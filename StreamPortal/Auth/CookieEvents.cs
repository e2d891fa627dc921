using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StreamPortal.Api;

namespace StreamPortal.Auth;

/// <summary>What the login cookie does beyond the defaults.</summary>
internal static class CookieEvents
{
    /// <summary>
    /// /api, /hubs and the OpenAPI document answer 401/403 with problem JSON; browsers on pages, the API reference page
    /// included, are sent to the login page.
    /// </summary>
    public static Task NoRedirectForMachines(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if ((path.StartsWithSegments("/api") && !path.StartsWithSegments(ApiReference.Path)) || path.StartsWithSegments("/hubs")
            || path.StartsWithSegments(ApiReference.DocumentFolder))
        {
            ctx.Response.StatusCode = status;
            return Results.Problem(statusCode: status, title: status == 401 ? "Not authenticated" : "Forbidden",
                detail: status == 401 ? $"Sign in or send a valid {PortalRoles.ApiKeyHeader} header." : "This needs the admin role.")
                .ExecuteAsync(ctx.HttpContext);
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A deleted user's cookie, or one whose role changed, stops working (within the role cache time).</summary>
    public static async Task RejectStalePrincipalAsync(CookieValidatePrincipalContext ctx)
    {
        var name = ctx.Principal?.Identity?.Name;
        var role = name is null ? null : await ctx.HttpContext.RequestServices.GetRequiredService<UserAccounts>()
            .CurrentRoleAsync(name, ctx.HttpContext.RequestAborted);
        if (role is null || !ctx.Principal!.IsInRole(role))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
