namespace StreamPortal.Auth;

public static class AuthApplicationBuilderExtensions
{
    /// <summary>
    /// The login rate limit, authentication, authorization and antiforgery (which checks tokens bound to the signed-in user), in that order.
    /// Added here, on the application itself, so that WebApplication does not add its own copies at the front of the
    /// pipeline. Hooks never reach them: their endpoint short-circuits at routing (see HookEndpoints.MapHooks).
    /// </summary>
    public static WebApplication UsePortalAuth(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
