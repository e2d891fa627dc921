namespace StreamPortal.Components;

public static class ConsoleErrorPages
{
    /// <summary>The console's error page (outside development) and its not-found page for every error status without a body.</summary>
    public static WebApplication UseConsoleErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        return app;
    }
}
