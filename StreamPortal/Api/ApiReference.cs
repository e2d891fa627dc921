using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using StreamPortal.Auth;
using StreamPortal.Hooks;
using StreamPortal.Hosting;

namespace StreamPortal.Api;

/// <summary>
/// The OpenAPI 3.1 document of the admin API and the hook endpoint (<see cref="DocumentPath"/>, generated at run time
/// from the endpoints' metadata), and the interactive reference on it (<see cref="Path"/>, Scalar).
/// Both need a signed-in user or an API key: the document lists every route and the reference runs requests.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/reference";
    public const string DocumentFolder = "/openapi";
    public const string DocumentName = "v1";
    public const string DocumentPath = DocumentFolder + "/" + DocumentName + ".json";

    private const string ApiKeyScheme = "apiKey";
    private const string CookieScheme = "cookie";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // The admin API and the hooks; not the login form, the console's pages or the probes.
            o.ShouldInclude = d => IsAdminApi(d) || IsHook(d);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "StreamPortal",
                    Version = DocumentName,
                    Description = "The admin REST API (/api, cookie or X-Api-Key) and the WCS hook endpoint. " +
                                  "Every bad input is answered with problem JSON (RFC 9457) saying what is wrong.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = PortalRoles.ApiKeyHeader,
                    Description = "An API key (StreamPortal:ApiKeys or created in the console).",
                };
                document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "StreamPortal.Auth",
                    Description = "The console's login cookie (the reference page sends it).",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, ct) =>
            {
                if (!IsAdminApi(context.Description)) return;
                // [AsParameters] records name their query parameters after their properties (Name); the API spells
                // them camelCase like its JSON (query keys bind whatever their case).
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                    if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name)
                        parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
                var document = context.Document;
                operation.Security = [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
                ];
                var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", ProblemResponse(problem, "No valid API key or login cookie."));
                if (NeedsAdmin(context.Description))
                    operation.Responses.TryAdd("403", ProblemResponse(problem, "The key or user does not have the admin role."));
            });
        });
        return services;
    }

    /// <summary>GET /openapi/v1.json and GET /api/reference (a login redirect for a browser that is not signed in).</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentFolder + "/{documentName}.json").RequireAuthorization(PortalRoles.CanView);
        // In a group so that the requirement covers every page endpoint Scalar maps; its assets (script bundle, icon)
        // it marks AllowAnonymous itself: public files without data.
        app.MapGroup("").RequireAuthorization(PortalRoles.CanView).MapScalarApiReference(Path, (options, http) =>
        {
            options.WithTitle("StreamPortal API")
                .WithOpenApiRoutePattern(DocumentFolder + "/{documentName}.json")
                // The portal's content security policy allows scripts carrying this request's nonce and nothing else.
                .WithNonce(SecurityHeaders.NonceOf(http) ?? "")
                // Its default fonts come from a CDN, which the policy (font-src 'self') refuses anyway.
                .DisableDefaultFonts();
        });
        return app;
    }

    private static bool IsAdminApi(ApiDescription d) =>
        d.RelativePath is { } path && (path == "api" || path.StartsWith("api/", StringComparison.Ordinal));

    private static bool IsHook(ApiDescription d) =>
        d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any(n => n.EndpointName == HookEndpoints.EndpointName);

    private static bool NeedsAdmin(ApiDescription d) =>
        d.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy == PortalRoles.CanEdit);

    private static OpenApiResponse ProblemResponse(IOpenApiSchema schema, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
