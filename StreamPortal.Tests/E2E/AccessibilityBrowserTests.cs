using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA rules) over every console page (<see cref="ConsolePages.All"/>) and the sign-in page,
/// in both themes, after realistic traffic: no critical or serious violation. Each failure lists page, theme, rule and
/// the elements involved.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture fixture)
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [BrowserTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_page_has_no_critical_or_serious_violation(bool dark)
    {
        var seeded = await ConsolePages.SeedAsync(fixture.CreateHttpClient());
        var problems = new List<string>();

        var page = await ConsolePages.SignInAsync(fixture, dark, BrowserFixture.LaptopWidth, BrowserFixture.LaptopHeight, bypassCsp: true);
        foreach (var target in ConsolePages.All(seeded))
        {
            await ConsolePages.OpenAsync(page, target, dark);
            problems.AddRange(await CheckAsync(page, target.Name, dark));
        }
        await page.Context.CloseAsync();

        // Signed out: the sign-in page (static, its own layout), in the theme the OS setting gives.
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, BypassCSP = true, ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        var login = await context.NewPageAsync();
        await login.GotoAsync(ConsolePages.Login.Url);
        // The first visit tells the server the OS setting (a cookie): the second is rendered in it.
        await login.ReloadAsync();
        await Expect(login.GetByText(ConsolePages.Login.MustShow)).ToBeVisibleAsync();
        problems.AddRange(await CheckAsync(login, ConsolePages.Login.Name, dark));
        await context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string name, bool dark)
    {
        // Exactly one h1 on every page (axe's page-has-heading-one only asks for at least one).
        var h1 = await page.Locator("h1").CountAsync();
        var found = new List<string>();
        if (h1 != 1) found.Add($"{name} ({(dark ? "dark" : "light")}): {h1} h1 elements, expected exactly one");
        if (await page.Locator("main").CountAsync() != 1) found.Add($"{name} ({(dark ? "dark" : "light")}): no single <main> landmark");
        var results = await page.RunAxe(WcagAa);
        found.AddRange(results.Violations
            .Where(v => v.Impact is "critical" or "serious")
            .Select(v => $"{name} ({(dark ? "dark" : "light")}): {v.Impact} {v.Id} ({v.Help}) on {v.Nodes.Length} element(s): " +
                         string.Join(" | ", v.Nodes.Take(5).Select(n => $"{n.Target} {Trim(string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message)))}"))));
        return found;
    }

    private static string Trim(string? s) => s is null ? "" : s.Replace('\n', ' ').Length > 160 ? s.Replace('\n', ' ')[..160] + "…" : s.Replace('\n', ' ');
}
