using StreamPortal.Auth;

namespace StreamPortal.Components;

public static class ConsoleEndpoints
{
    /// <summary>The pages, their static assets, and the login form's endpoints.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapStaticAssets();
        // The whole policy, frame-ancestors included, is Hosting/SecurityHeaders.cs's: a second CSP header would be enforced too.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
