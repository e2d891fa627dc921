using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace StreamPortal.Auth;

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyValidator validator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } key) return Task.FromResult(AuthenticateResult.NoResult());
        var role = validator.Validate(key);
        if (role is null) return Task.FromResult(AuthenticateResult.Fail("Unknown or revoked API key."));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "api-key"), new Claim(ClaimTypes.Role, role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <summary>
    /// The key from X-Api-Key or, for scrapers that can only send a bearer token (Prometheus's <c>authorization</c>
    /// option), from <c>Authorization: Bearer</c>.
    /// </summary>
    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(PortalRoles.ApiKeyHeader, out var values) && values.Count > 0) return values.ToString();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > BearerPrefix.Length
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
    }

    private const string BearerPrefix = "Bearer ";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(statusCode: 401, title: "Not authenticated",
            detail: $"Send a valid {PortalRoles.ApiKeyHeader} header (or Authorization: Bearer <key>) or sign in.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "This needs the admin role.").ExecuteAsync(Context);
    }
}
