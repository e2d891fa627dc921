using System.Security.Cryptography;

namespace StreamPortal.Hosting;

/// <summary>
/// Security headers on every console, API and hub answer (hooks never get here: they short-circuit at routing).
/// The content security policy allows only the portal's own scripts, plus the import map Blazor writes inline,
/// which carries this request's nonce (<see cref="NonceOf"/>); MudBlazor sets inline styles, so styles may be inline.
/// </summary>
public static class SecurityHeaders
{
    private static readonly object NonceKey = new();

    /// <summary>The nonce of this request's content security policy, for the inline script tags the console writes.</summary>
    public static string? NonceOf(HttpContext? http) => http?.Items[NonceKey] as string;

    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        // The circuit's websocket: 'self' does not cover ws: in every browser.
        "connect-src 'self' ws: wss:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Only over HTTPS (the middleware skips plain HTTP), and not in development, where localhost would remember it.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((http, next) =>
        {
            // Hex: nothing in it is escaped when written into an attribute, so the page carries it as the header does.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
            // On starting, not now: the error page handler clears the headers before it re-executes.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
