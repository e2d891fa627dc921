using StreamPortal.Auth;

namespace StreamPortal.Components;

public static class ConsoleEndpoints
{
    /// <summary>The pages, their static assets, and the login form's endpoints.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
