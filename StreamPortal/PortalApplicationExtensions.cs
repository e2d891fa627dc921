using Microsoft.EntityFrameworkCore;
using StreamPortal.Api;
using StreamPortal.Components;
using StreamPortal.Data;
using StreamPortal.Hooks;

namespace StreamPortal;

public static class PortalApplicationExtensions
{
    /// <summary>Creates or upgrades the database before anything is served.</summary>
    public static async Task MigrateStreamPortalAsync(this WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await app.Services.GetRequiredService<Rules.PassThroughSwitch>().LoadAsync(CancellationToken.None);
        await app.Services.InitializeConsoleAsync();
    }

    public static WebApplication MapStreamPortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // Hooks authenticate their caller themselves (HookCallerCheck) and answer exactly what was decided: the
        // console's cookie, antiforgery and status-code pages would only cost every hook time and allocations.
        var hooks = "/" + app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HookOptions>>().Value.RoutePrefix.Trim('/');
        // WebApplication adds authentication and authorization at the front of the pipeline unless it sees them
        // set up; these are the markers UseAuthentication/UseAuthorization leave (on the branch's copy, not here).
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        ((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;
        app.UseWhen(http => !http.Request.Path.StartsWithSegments(hooks), portal =>
        {
            portal.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
            portal.UseAuthentication();
            portal.UseAuthorization();
            portal.UseAntiforgery();
        });

        app.MapHookEndpoints();
        app.MapAdminApi();
        app.MapPortalConsole();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
