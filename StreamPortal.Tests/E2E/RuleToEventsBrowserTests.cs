using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class RuleToEventsBrowserTests(BrowserFixture fixture)
{
    /// <summary>The issue's scenario end to end: a rule made in the UI, a matching hook, its 403 in the Events page.</summary>
    [BrowserFact]
    public async Task A_rule_created_in_the_UI_then_a_matching_hook_shows_its_403_in_the_Events_page()
    {
        var page = await fixture.LoginAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var stream = "vip-" + suffix;
        var name = "refuse vip publishes " + suffix;

        await page.ClickAsync("a[href='/rules']");
        await page.WaitForURLAsync("**/rules");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-testid=new-rule]");
        var editor = page.Locator("[data-testid=rule-editor]");
        await Expect(editor).ToBeVisibleAsync();
        await editor.Locator("[data-testid=name]").FillAsync(name);
        await RuleEditorPage.SelectMethodsAsync(page, "publishStream");
        // The glob is this test's own ("vip-<suffix>*"): the browser tests share one app.
        await editor.Locator("[data-testid=streamName]").FillAsync($"vip-{suffix}*");
        await editor.Locator("[data-testid=status]").FillAsync("403");
        await editor.Locator("[data-testid=save]").ClickAsync();
        await Expect(editor).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=rule-name]", new() { HasText = name })).ToBeVisibleAsync();

        // What the UI saved is what the hook below should meet (and, if it does not, the failure says which part was lost).
        var rules = fixture.Factory.Services.GetRequiredService<RuleService>();
        var saved = Assert.Single(await rules.ListAsync(null, default), r => r.Name == name);
        Assert.True(saved.Enabled);
        Assert.Equal(["publishStream"], saved.Match.Methods);
        Assert.Equal($"vip-{suffix}*", saved.Match.StreamName);
        Assert.Equal(403, saved.Answer.Status);

        await page.ClickAsync("a[href='/events']");
        await page.WaitForURLAsync("**/events");
        await BrowserFixture.WaitInteractiveAsync(page);
        var answer = await fixture.CreateHttpClient().PostHookAsync("publishStream", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-" + stream, stream, "PENDING"));
        Assert.True(answer.StatusCode == HttpStatusCode.Forbidden,
            $"expected 403, got {(int)answer.StatusCode}; rules in the engine ahead of this one: {string.Join("; ", (await rules.ListAsync(null, default)).Where(r => r.Enabled && r.Order <= saved.Order).Select(r => $"{r.Name} {r.Match.StreamName} {r.Answer.Status}"))}");

        var row = page.Locator("tr[data-event-id]", new() { HasText = stream });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("403");
        await Expect(row).ToContainTextAsync("publishStream");
        await Expect(row).ToContainTextAsync(name);

        await rules.DeleteAsync(saved.Id, default);
        await page.Context.CloseAsync();
    }
}
