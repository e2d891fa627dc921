using StreamPortal.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>The operator's paths of issue 13: from the dashboard to the failing hook, timelines that read, the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TriageBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_non200_card_leads_to_the_failing_hooks_drawer_in_two_clicks()
    {
        var method = "tri-" + Guid.NewGuid().ToString("N")[..8];
        var response = await fixture.CreateHttpClient().PostRawHookAsync(method, "{not json");
        Assert.Equal(400, (int)response.StatusCode);
        var page = await fixture.LoginAsync();
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.ClickAsync("[data-testid=count-non200] a");                                   // click 1
        await page.WaitForURLAsync("**/events?answer=non200");
        await BrowserFixture.WaitInteractiveAsync(page);
        var row = page.Locator("tr[data-event-id]", new() { HasText = method });
        await row.ClickAsync();                                                                    // click 2
        var drawer = page.Locator("[data-testid=event-details-content]");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(drawer).ToContainTextAsync(method);
        await Expect(drawer).ToContainTextAsync("400");
        Assert.Contains("event=", page.Url);

        // The drawer is the URL's: a reload (or a new circuit after a restart) shows it again.
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=event-details-content]")).ToContainTextAsync(method);
    }

    [BrowserFact]
    public async Task A_stream_with_500_keep_alives_shows_them_as_one_run_and_its_publish_opens_the_drawer()
    {
        var id = Guid.NewGuid().ToString();
        var name = "ka-" + id[..8];
        var hooks = fixture.CreateHttpClient();
        (await hooks.PostHookAsync("publishStream", HookClient.StreamHook(id, "s-" + name, name, "PENDING"))).EnsureSuccessStatusCode();
        for (var i = 0; i < 500; i++)
            (await hooks.PostHookAsync("StreamKeepAliveEvent", HookClient.StreamHook(id, "s-" + name, name, "PUBLISHING"))).EnsureSuccessStatusCode();

        var page = await fixture.LoginAsync();
        await page.GotoAsync("/streams/" + id);
        await BrowserFixture.WaitInteractiveAsync(page);
        var timeline = page.Locator("[data-testid=stream-timeline]");
        await Expect(timeline.Locator("[data-testid=keepalive-run-text]")).ToContainTextAsync("×500");
        await Expect(timeline.Locator("tr[data-event-id]")).ToHaveCountAsync(2);

        await timeline.Locator("tr[data-event-id]", new() { HasText = "publishStream" }).ClickAsync();
        var drawer = page.Locator("[data-testid=event-details-content]");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(drawer.Locator("#event-details-title")).ToContainTextAsync("publishStream");
    }

    [BrowserFact]
    public async Task Keyboard_only_tab_to_a_row_enter_opens_escape_closes_and_focus_returns()
    {
        var name = "kb-" + Guid.NewGuid().ToString("N")[..8];
        (await fixture.CreateHttpClient().PostHookAsync("publishStream", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-" + name, name, "PENDING")))
            .EnsureSuccessStatusCode();
        var page = await fixture.LoginAsync();
        await page.GotoAsync("/events?stream=" + name);
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("tr[data-event-id]")).ToHaveCountAsync(1);

        // From the free-text filter, Tab forward until an event row has the focus.
        await page.Locator("input[data-testid=filter-q], [data-testid=filter-q] input").First.FocusAsync();
        var onRow = false;
        for (var i = 0; i < 40 && !onRow; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            onRow = await page.EvaluateAsync<bool>("() => document.activeElement?.matches('tr[data-event-id]') ?? false");
        }
        Assert.True(onRow, "Tab never reached an event row");
        var rowId = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-event-id')");

        await page.Keyboard.PressAsync("Enter");
        var drawer = page.Locator("[data-testid=event-details-content]");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(drawer).ToContainTextAsync(name);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=event-details-content]')?.contains(document.activeElement)");

        await page.Keyboard.PressAsync("Escape");
        await Expect(drawer).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync($"() => document.activeElement?.getAttribute('data-event-id') === '{rowId}'");
        Assert.DoesNotContain("event=", page.Url);
    }
}
