using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>The console works under its content security policy: nothing it loads or runs is refused by the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_console_runs_without_a_content_security_policy_violation()
    {
        var page = await fixture.NewPageAsync();
        var messages = new List<string>();
        page.Console += (_, message) => { lock (messages) messages.Add(message.Text); };
        await BrowserFixture.SignInAsync(page);
        // Interactive navigation, a MudBlazor menu (popover, inline styles) and a page with a data grid.
        await page.ClickAsync("[data-testid=account-menu] button");
        await Expect(page.Locator("button:has-text('Log out')")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        foreach (var path in new[] { "/events", "/rules", "/settings" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitInteractiveAsync(page);
        }
        // The policy is what refuses: make sure it is there, so that "no violation" is not "no policy".
        var response = await page.GotoAsync("/streams");
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "");
        await BrowserFixture.WaitInteractiveAsync(page);
        lock (messages) Assert.DoesNotContain(messages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        await page.Context.CloseAsync();
    }
}
