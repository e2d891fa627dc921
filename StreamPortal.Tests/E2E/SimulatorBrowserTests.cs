using System.Text.RegularExpressions;
using StreamPortal.Wcs;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed partial class SimulatorBrowserTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"^(\d+) / (\d+) hooks$")]
    private static partial Regex CountText();

    /// <summary>Start a run from the console, watch its progress, see its hooks arrive on the Events page, then its summary.</summary>
    [BrowserFact]
    public async Task A_run_started_on_the_Simulator_page_shows_progress_its_hooks_on_the_Events_page_and_its_summary()
    {
        var page = await fixture.LoginAsync();
        await page.ClickAsync("a[href='/simulator']");
        await page.WaitForURLAsync("**/simulator");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.Locator("[data-testid=sim-sessions]").FillAsync("2");
        await page.Locator("[data-testid=sim-publishers]").FillAsync("1");
        await page.Locator("[data-testid=sim-players]").FillAsync("1");
        await page.Locator("[data-testid=sim-rate]").FillAsync("10");
        await page.Locator("[data-testid=sim-duration]").FillAsync("4");
        await page.Locator("[data-testid=sim-fail-share]").FillAsync("0");
        await page.Locator("[data-testid=sim-seed]").FillAsync("21");
        await page.Locator("[data-testid=sim-seed]").BlurAsync();
        await page.ClickAsync("[data-testid=sim-start]");

        await Expect(page.Locator("[data-testid=sim-state]")).ToHaveTextAsync("running");
        await Expect(page.Locator("[data-testid=sim-stop]")).ToBeEnabledAsync();
        // Progress moves while it runs: some hooks sent, not all.
        await Expect(page.Locator("[data-testid=sim-count]")).ToHaveTextAsync(new Regex(@"^([1-9]|[12]\d) / 32 hooks$"));

        // Its hooks arrive live on the Events page the link opens (filtered to appKey sim).
        var events = await page.Context.NewPageAsync();
        await events.GotoAsync(await page.Locator("[data-testid=sim-events-link]").GetAttributeAsync("href") ?? "");
        Assert.EndsWith("/events?appKey=sim", events.Url);
        await BrowserFixture.WaitInteractiveAsync(events);
        var rowsAtFirst = await events.Locator("tr[data-event-id]").CountAsync();
        // unPublishStream comes at the end of each publisher's lifecycle, so it arrives after the page opened (the page
        // hides keep-alives by default, so they cannot be the sign).
        await Expect(events.Locator("tr[data-event-id]", new() { HasText = WcsMethod.UnPublishStream }).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.True(await events.Locator("tr[data-event-id]").CountAsync() > rowsAtFirst);

        await Expect(page.Locator("[data-testid=sim-state]")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=sim-count]")).ToHaveTextAsync("32 / 32 hooks");
        var summary = page.Locator("[data-testid=sim-summary]");
        await Expect(summary).ToContainTextAsync("completed");
        await Expect(summary).ToContainTextAsync("UNPUBLISHED");
        await Expect(page.Locator("[data-testid='sim-table-Answers by status']")).ToContainTextAsync("200");
        Assert.Matches(CountText(), (await page.Locator("[data-testid=sim-count]").TextContentAsync())!.Trim());
        await fixture.ScreenshotAsync(page, "simulator-completed");
        await page.Context.CloseAsync();
    }
}
