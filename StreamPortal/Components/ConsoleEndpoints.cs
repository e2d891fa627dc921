using StreamPortal.Auth;

namespace StreamPortal.Components;

public static class ConsoleEndpoints
{
    /// <summary>The console's error page (outside development) and its not-found page for every other status without a body.</summary>
    public static WebApplication UseConsoleErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        return app;
    }

    /// <summary>The pages, their static assets, and the login form's endpoints.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
