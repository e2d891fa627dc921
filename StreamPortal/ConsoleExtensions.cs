using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StreamPortal.Auth;
using StreamPortal.Ingest;
using StreamPortal.Live;

namespace StreamPortal;

/// <summary>The admin console's services, start-up steps and endpoints (login, hub), kept apart from the hook backend.</summary>
public static class ConsoleExtensions
{
    public static IServiceCollection AddPortalConsole(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.MaxFailedLogins > 0, "StreamPortal:Auth:MaxFailedLogins must be positive.")
            .Validate(o => o.LockoutMinutes > 0, "StreamPortal:Auth:LockoutMinutes must be positive.")
            .Validate(o => o.MinPasswordLength is >= 1 and <= 128, "StreamPortal:Auth:MinPasswordLength must be from 1 to 128.")
            .ValidateOnStart();
        services.AddSingleton<UserAccounts>();
        // A deleted user's cookie, or one whose role changed, stops working (within the role cache time).
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            o.Events.OnValidatePrincipal = async ctx =>
            {
                var name = ctx.Principal?.Identity?.Name;
                var role = name is null ? null : await ctx.HttpContext.RequestServices.GetRequiredService<UserAccounts>()
                    .CurrentRoleAsync(name, ctx.HttpContext.RequestAborted);
                if (role is null || !ctx.Principal!.IsInRole(role))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            });
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<ApiKeyStore>());
        services.AddSingleton<HookRateTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<HookRateTracker>());
        services.AddSingleton<DashboardQueries>();
        services.AddScoped<LiveState>();

        services.AddSignalR();
        services.AddHostedService<HubRelay>();

        services.AddSingleton<RetentionSettings>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }

    /// <summary>After migration: the first admin, and the API key cache.</summary>
    public static async Task InitializeConsoleAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await services.GetRequiredService<UserAccounts>().EnsureAdminAsync(ct);
        await services.GetRequiredService<ApiKeyStore>().LoadAsync(ct);
    }

    public static WebApplication MapPortalConsole(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapHub<HooksHub>(HooksHub.Path);
        return app;
    }
}
