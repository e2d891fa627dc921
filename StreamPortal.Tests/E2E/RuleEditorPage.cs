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
        await page.Keyboard.PressAsync("Escape");
        await Expect(list).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=rule-editor] input[data-testid=methods], [data-testid=rule-editor] [data-testid=methods] input").First)
            .ToHaveValueAsync(string.Join(", ", methods));
    }
}
