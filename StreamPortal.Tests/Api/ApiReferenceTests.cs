using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Api;
using StreamPortal.Hooks;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Api;

/// <summary>/openapi/v1.json describes every /api route and the hook endpoint; it and /api/reference need a sign-in.</summary>
public sealed class ApiReferenceTests : PortalTest
{
    [Fact]
    public async Task The_document_lists_every_api_route_and_the_hook_with_their_methods()
    {
        var client = Factory.CreateApiClient();
        var document = await ReadDocumentAsync(client);
        var documented = DocumentedOperations(document);

        // From the app's own endpoints, so that a route someone adds later is checked too.
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var expected = endpoints
            .Where(e => IsAdminApi(e) || e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == HookEndpoints.EndpointName)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"]).Select(m => $"{m} {PathOf(e)}"))
            .ToHashSet();

        Assert.Contains("POST /rest/{app}/{method}", expected);
        Assert.Contains("GET /api/sessions/{sessionId}", expected);
        Assert.True(expected.Count > 20, $"only {expected.Count} routes found: the endpoint scan is broken");
        var missing = expected.Except(documented).Order().ToList();
        Assert.True(missing.Count == 0, "Not in /openapi/v1.json: " + string.Join(", ", missing));
        // Nothing beyond them either: not the console, the login form or the probes.
        Assert.Empty(documented.Except(expected));
    }

    [Fact]
    public async Task The_hook_operation_has_an_open_object_body_its_mirror_and_its_problem_answers()
    {
        var document = await ReadDocumentAsync(Factory.CreateApiClient());
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>());
        var hook = document["paths"]!["/rest/{app}/{method}"]!["post"]!;
        var body = hook["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var schema = Resolve(document, body);
        Assert.NotNull(schema["properties"]!["mediaSessionId"]);
        Assert.NotNull(schema["additionalProperties"]);
        var responses = hook["responses"]!.AsObject();
        foreach (var status in new[] { "200", "400", "401", "403", "408", "413", "415", "503" })
            Assert.True(responses.ContainsKey(status), $"the hook has no {status} answer described");
        Assert.NotNull(responses["400"]!["content"]!["application/problem+json"]);
        Assert.NotNull(responses["200"]!["content"]!["application/json"]);
    }

    [Fact]
    public async Task Api_operations_have_schemas_problem_answers_and_security()
    {
        var document = await ReadDocumentAsync(Factory.CreateApiClient());
        var streams = document["paths"]!["/api/streams"]!["get"]!;
        var parameters = streams["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("published", parameters);
        Assert.Contains("pageSize", parameters);
        Assert.NotNull(streams["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(streams["responses"]!["400"]);
        Assert.NotNull(streams["responses"]!["401"]);
        Assert.NotEmpty(streams["security"]!.AsArray());

        var create = document["paths"]!["/api/rules"]!["post"]!;
        Assert.NotNull(create["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(create["responses"]!["403"]);
        Assert.NotNull(document["paths"]!["/api/rules/{id}"]!["get"]!["responses"]!["404"]);
        Assert.NotNull(document["components"]!["securitySchemes"]!["apiKey"]);
    }

    [Fact]
    public async Task The_document_needs_a_key_or_a_sign_in_and_answers_401_not_a_redirect()
    {
        var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync(ApiReference.DocumentPath);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var signedIn = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await LoginForm.SignInAsync(signedIn, "admin", PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync(ApiReference.DocumentPath)).StatusCode);
    }

    [Fact]
    public async Task The_reference_page_sends_a_browser_to_the_login_and_serves_a_signed_in_user()
    {
        var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync(ApiReference.Path);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/login", refused.Headers.Location!.PathAndQuery);

        var signedIn = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await LoginForm.SignInAsync(signedIn, "admin", PortalFactory.AdminPassword);
        // Scalar serves the page at /api/reference/ (its script is relative to it): /api/reference redirects there.
        var page = await signedIn.GetAsync(ApiReference.Path + "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        // Its scripts carry the nonce of the content security policy sent with it.
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html);
    }

    private static async Task<JsonObject> ReadDocumentAsync(HttpClient client)
    {
        var response = await client.GetAsync(ApiReference.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static HashSet<string> DocumentedOperations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(op => op.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
                .Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet();

    private static bool IsAdminApi(RouteEndpoint e)
    {
        var raw = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
        return (raw == "/api" || raw.StartsWith("/api/", StringComparison.Ordinal)) &&
               !raw.StartsWith(ApiReference.Path, StringComparison.Ordinal);
    }

    /// <summary>The route as OpenAPI writes it: parameters by name only (no constraints, catch-all or optional marks), no trailing slash.</summary>
    private static string PathOf(RouteEndpoint e) =>
        "/" + string.Join("/", e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static JsonNode Resolve(JsonObject document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/').Last()]!
            : schema;
}
