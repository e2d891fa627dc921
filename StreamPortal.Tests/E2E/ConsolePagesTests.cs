using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace StreamPortal.Tests.E2E;

/// <summary>The accessibility check and the screenshots cover "every page" only if the page list names every route.</summary>
public sealed class ConsolePagesTests
{
    [Fact]
    public void The_page_list_covers_every_routable_console_page()
    {
        var urls = ConsolePages.All(new ConsolePages.Seeded("live-stream", "session")).Select(p => p.Url)
            .Append(ConsolePages.Login.Url).ToList();
        var templates = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template).Distinct().ToList();
        Assert.NotEmpty(templates);

        var missing = templates.Where(t => !urls.Any(u => Matches(t, u))).ToList();
        Assert.True(missing.Count == 0, "Pages missing from ConsolePages.All: " + string.Join(", ", missing));
    }

    private static bool Matches(string template, string url)
    {
        var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]*}", "[^?]+") + "$";
        return Regex.IsMatch(url, pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }
}
