using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Auth;

/// <summary>Every page route, every /api endpoint and the hub refuse anonymous requests; the routes are enumerated, not listed.</summary>
public sealed class AnonymousAccessTests : PortalTest
{
    /// <summary>The only pages anyone may open: signing in, and the error pages.</summary>
    private static readonly string[] AnonymousPages = ["/login", "/not-found", "/Error"];

    private HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static IEnumerable<(string Template, bool AllowsAnonymous)> PageRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)));

    [Fact]
    public async Task Every_page_route_redirects_an_anonymous_browser_to_the_login_page()
    {
        var routes = PageRoutes().ToList();
        Assert.Contains(routes, r => r.Template == "/events");
        Assert.Contains(routes, r => r.Template == "/rules" && !r.AllowsAnonymous);
        Assert.Contains(routes, r => r.Template == "/rules/connect-policy" && !r.AllowsAnonymous);
        Assert.Equal(AnonymousPages.Order(), routes.Where(r => r.AllowsAnonymous).Select(r => r.Template).Order());

        var client = Anonymous();
        foreach (var (template, _) in routes.Where(r => !r.AllowsAnonymous))
        {
            var url = Concrete(template);
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {url}: {(int)response.StatusCode}, expected a redirect to /login");
            Assert.StartsWith("/login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_to_an_anonymous_request()
    {
        Factory.CreateClient(); // builds the app so that its endpoints exist
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m, Url: Concrete(e.RoutePattern.RawText!))))
            .Distinct()
            .ToList();
        Assert.Contains(endpoints, e => e.Url.StartsWith("/api/events"));

        var client = Anonymous();
        foreach (var (method, url) in endpoints)
        {
            if (url.StartsWith(StreamPortal.Api.ApiReference.Path, StringComparison.Ordinal))
            {
                // The interactive reference is a page for people: a browser is sent to sign in. Its assets (script
                // bundle, icon) are the same public files for everyone (Scalar maps them AllowAnonymous), without data.
                if (Path.HasExtension(url)) continue;
                var page = await client.GetAsync(url);
                Assert.True(page.StatusCode == HttpStatusCode.Redirect, $"{method} {url}: {(int)page.StatusCode}, expected a redirect to /login");
                Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                continue;
            }
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = method is "GET" or "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_hub_refuses_an_anonymous_negotiation()
    {
        var response = await Anonymous().PostAsync("/hubs/hooks/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_gets_the_pages()
    {
        var client = Anonymous();
        var cookie = await LoginForm.SignInAsync(client, "admin", PortalFactory.AdminPassword);
        Assert.NotNull(cookie);
        foreach (var (template, _) in PageRoutes().Where(r => !r.AllowsAnonymous))
        {
            var response = await client.GetAsync(Concrete(template));
            Assert.True(response.StatusCode is HttpStatusCode.OK, $"GET {template}: {(int)response.StatusCode}");
        }
    }

    /// <summary>A request path for a route template: every parameter becomes "x".</summary>
    /// <summary>A URL the template matches: numeric parameters get a number so that route constraints let it through.</summary>
    private static string Concrete(string template) =>
        "/" + string.Join('/', template.Trim('/').Split('/').Select(s => !s.StartsWith('{') ? s : s.Contains(":long") || s.Contains(":int") ? "1" : "x"));
}
