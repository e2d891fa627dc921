using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using StreamPortal.Tests.E2E;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.Anomalies;

/// <summary>
/// axe over the Anomalies page with a row in it (the whole-console check in AccessibilityBrowserTests covers it too,
/// but takes minutes): names on its controls and links, contrast of its chips and links, in both themes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AnomaliesAccessibilityBrowserTests(BrowserFixture fixture)
{
    [BrowserTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_anomalies_page_with_an_open_anomaly_has_no_serious_violation(bool dark)
    {
        var hooks = fixture.CreateHttpClient();
        var (session, stream) = ("a11y-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString());
        (await hooks.PostHookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "a11y-cam", StreamStatus.Failed))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync(KeepAlive.Method, HookClient.StreamHook(stream, session, "a11y-cam", StreamStatus.Publishing))).EnsureSuccessStatusCode();

        var page = await ConsolePages.SignInAsync(fixture, dark, BrowserFixture.LaptopWidth, BrowserFixture.LaptopHeight, bypassCsp: true);
        await page.GotoAsync("/anomalies?subject=" + stream);
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("tr[data-anomaly-id]").First).ToBeVisibleAsync();
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "critical" or "serious")
            .Select(v => $"{v.Id} ({v.Help}): {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}").ToList();
        await page.Context.CloseAsync();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
