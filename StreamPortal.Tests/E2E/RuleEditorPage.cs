using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>Steps on the rule editor dialog that take more than a fill.</summary>
public static class RuleEditorPage
{
    /// <summary>Picks methods in the multi-select (it opens on mouse-down, stays open while picking) and closes it.</summary>
    public static async Task SelectMethodsAsync(IPage page, params string[] methods)
    {
        var select = page.Locator("[data-testid=rule-editor] .mud-select").Filter(new() { Has = page.Locator("[data-testid=methods]") }).First;
        await select.ClickAsync();
        var list = page.Locator(".mud-popover-open");
        foreach (var method in methods)
            await list.Locator(".mud-list-item", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(method)}\\s*$") }).ClickAsync();
        // The server has taken the selection once the field shows it; only then is Escape meant for a settled list.
        await Expect(page.Locator("[data-testid=rule-editor] input[data-testid=methods], [data-testid=rule-editor] [data-testid=methods] input").First)
            .ToHaveValueAsync(string.Join(", ", methods));
        // Escape reaches the select only while it has the keyboard focus, which a re-render can take away: focus it
        // and press again (a bounded number of times) until the list is closed.
        for (var attempt = 0; attempt < 3 && await list.CountAsync() > 0; attempt++)
        {
            if (attempt > 0) await select.Locator("input").First.FocusAsync();
            await page.Keyboard.PressAsync("Escape");
            try { await Expect(list).ToHaveCountAsync(0, new() { Timeout = 2000 }); }
            catch (PlaywrightException) when (attempt < 2) { }
        }
        await Expect(list).ToHaveCountAsync(0);
    }
}
