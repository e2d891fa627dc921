using StreamPortal.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class EventsBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_posted_hook_appears_live_and_pause_counts_new_ones_until_resume()
    {
        var page = await fixture.LoginAsync();
        await page.ClickAsync("a[href='/events']");
        await page.WaitForURLAsync("**/events");
        await BrowserFixture.WaitInteractiveAsync(page);
        var hooks = fixture.CreateHttpClient();

        var first = "live-" + Guid.NewGuid().ToString("N")[..8];
        (await hooks.PostHookAsync("publishStream", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-" + first, first, "PENDING"))).EnsureSuccessStatusCode();
        var firstRow = page.Locator("tr[data-event-id]", new() { HasText = first });
        await Expect(firstRow).ToBeVisibleAsync();
        await Expect(firstRow).ToContainTextAsync("publishStream");
        await Expect(firstRow).ToContainTextAsync("200");

        await page.ClickAsync("[data-testid=pause-button]");
        await Expect(page.Locator("[data-testid=resume-button]")).ToHaveTextAsync("Resume");
        var second = "paused-" + Guid.NewGuid().ToString("N")[..8];
        (await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-" + second, second, "PUBLISHING"))).EnsureSuccessStatusCode();
        await Expect(page.Locator("[data-testid=new-count]")).ToHaveTextAsync("1 new");
        await Expect(page.Locator("tr[data-event-id]", new() { HasText = second })).ToHaveCountAsync(0);

        await page.ClickAsync("[data-testid=resume-button]");
        await Expect(page.Locator("tr[data-event-id]", new() { HasText = second })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=new-count]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=pause-button]")).ToHaveTextAsync("Pause");
    }

    [BrowserFact]
    public async Task A_stream_name_with_markup_is_shown_as_text_and_runs_nothing()
    {
        const string name = "<img src=x onerror=alert(1)>";
        var page = await fixture.LoginAsync();
        var dialogs = 0;
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };
        var mediaSessionId = Guid.NewGuid().ToString();
        (await fixture.CreateHttpClient().PostHookAsync("publishStream", HookClient.StreamHook(mediaSessionId, "s-xss", name, "PENDING"))).EnsureSuccessStatusCode();

        foreach (var url in new[] { "/events", "/streams", "/streams/" + mediaSessionId })
        {
            await page.GotoAsync(url);
            await BrowserFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        }
        Assert.Equal(0, dialogs);
    }
}
