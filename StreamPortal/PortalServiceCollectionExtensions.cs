using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using StreamPortal.Auth;
using StreamPortal.Data;
using StreamPortal.Data.Queries;
using StreamPortal.Hooks;
using StreamPortal.Ingest;
using StreamPortal.Live;
using StreamPortal.Rules;

namespace StreamPortal;

public static class PortalServiceCollectionExtensions
{
    public static WebApplicationBuilder AddStreamPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddSingleton(TimeProvider.System);

        // Storage
        services.AddSingleton<StorageConnection>();
        services.AddSingleton<SqlitePragmas>();
        services.AddDbContextFactory<PortalDbContext>((sp, o) => o
            .UseSqlite(sp.GetRequiredService<StorageConnection>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<SqlitePragmas>()));
        services.AddSingleton<EventQueries>();
        services.AddSingleton<StreamQueries>();
        services.AddSingleton<SessionQueries>();

        // Hooks and ingest
        services.AddOptions<HookOptions>().BindConfiguration(HookOptions.Section)
            .Validate(o => o.MaxBodyBytes is > 0 and <= 64 * 1024 * 1024, "StreamPortal:Hooks:MaxBodyBytes must be from 1 to 67108864.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.RoutePrefix), "StreamPortal:Hooks:RoutePrefix must not be empty.")
            .ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.MaxBatchSize is > 0 and <= 10_000, "StreamPortal:Ingest:MaxBatchSize must be from 1 to 10000.")
            .Validate(o => o.CheckpointIntervalMs is >= 10 and <= 60_000, "StreamPortal:Ingest:CheckpointIntervalMs must be from 10 to 60000.")
            .Validate(o => o.ProjectionCacheSize >= 0, "StreamPortal:Ingest:ProjectionCacheSize must not be negative.")
            .Validate(o => o.WriterCacheMb is >= 2 and <= 4096, "StreamPortal:Ingest:WriterCacheMb must be from 2 to 4096.")
            .Validate(o => o.WalBackstopPages is >= 100 and <= 1_000_000, "StreamPortal:Ingest:WalBackstopPages must be from 100 to 1000000.")
            .Validate(o => o.QueueCapacity > 0, "StreamPortal:Ingest:QueueCapacity must be positive.")
            .Validate(o => o.Synchronous is "NORMAL" or "FULL", "StreamPortal:Ingest:Synchronous must be NORMAL or FULL.")
            .ValidateOnStart();
        services.AddSingleton<HookCallerCheck>();
        services.AddSingleton<HookHandler>();
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<BatchWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchWriter>());
        services.AddHostedService<StorageMaintenance>();
        services.AddSingleton<HookFeed>();
        services.AddSingleton<PassThroughSwitch>();
        services.AddPortalRules();

        // Who may see and change what
        services.AddSingleton<ApiKeyValidator>();
        services.AddAuthentication(PortalRoles.Scheme)
            .AddPolicyScheme(PortalRoles.Scheme, "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(PortalRoles.ApiKeyHeader) ? PortalRoles.ApiKeyScheme : CookieAuthenticationDefaults.AuthenticationScheme)
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
                o.Events.OnRedirectToLogin = ctx => NoRedirectForMachines(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => NoRedirectForMachines(ctx, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalRoles.CanView, p => p.RequireAuthenticatedUser())
            .AddPolicy(PortalRoles.CanEdit, p => p.RequireRole(PortalRoles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddPortalConsole();
        return builder;
    }

    /// <summary>/api and /hubs answer 401/403 with problem JSON; browsers on pages are sent to the login page.</summary>
    private static Task NoRedirectForMachines(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Results.Problem(statusCode: status, title: status == 401 ? "Not authenticated" : "Forbidden",
                detail: status == 401 ? $"Sign in or send a valid {PortalRoles.ApiKeyHeader} header." : "This needs the admin role.")
                .ExecuteAsync(ctx.HttpContext);
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
