using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamPortal.Data.Entities;
using StreamPortal.Hosting;

namespace StreamPortal.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Users and API keys (the first admin and the key cache set up at start), the cookie-or-API-key authentication
    /// and the roles' policies. The middleware is added by <see cref="AuthApplicationBuilderExtensions.UsePortalAuth"/>.
    /// </summary>
    public static IServiceCollection AddPortalAuth(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions, ValidateAuthOptions>(AuthOptions.Section);
        services.AddValidatedOptions<AdminOptions, ValidateAdminOptions>(AdminOptions.Section);
        services.AddValidatedOptions<ApiKeyOptions, ValidateApiKeyOptions>(ApiKeyOptions.Section);
        services.AddSingleton<LoginThrottle>();
        services.TryAddSingleton<IPasswordHasher<PortalUser>, PasswordHasher<PortalUser>>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<ApiKeyStore>());
        services.AddSingleton<ApiKeyValidator>();
        services.AddLoginRateLimit();
        services.AddStartupTask<EnsureFirstAdmin>();
        services.AddStartupTask<LoadApiKeys>();

        services.AddAuthentication(PortalRoles.Scheme)
            .AddPolicyScheme(PortalRoles.Scheme, "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.KeyOf(http.Request) is not null ? PortalRoles.ApiKeyScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(PortalRoles.ApiKeyScheme, null)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/login";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Cookie.Name = "StreamPortal.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Events.OnRedirectToLogin = ctx => CookieEvents.NoRedirectForMachines(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => CookieEvents.NoRedirectForMachines(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = CookieEvents.RejectStalePrincipalAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalRoles.CanView, p => p.RequireAuthenticatedUser())
            .AddPolicy(PortalRoles.CanEdit, p => p.RequireRole(PortalRoles.Admin));
        return services;
    }
}
