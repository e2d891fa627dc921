using Microsoft.Playwright;
using StreamPortal.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>Every page at laptop and phone width with realistic data, saved as PNG (SCREENSHOT_DIR or bin/.../screenshots).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Every_page_renders_its_data_at_laptop_and_phone_width()
    {
        var hooks = fixture.CreateHttpClient();
        // Some history: the lifecycle fixture (publish, play, stop), a live publisher with a player, a failed publish, a bad body.
        foreach (var (_, method, body) in Fixtures.Lifecycle()) (await hooks.PostHookAsync(method, body)).EnsureSuccessStatusCode();
        var live = Guid.NewGuid().ToString();
        (await hooks.PostHookAsync("connect", HookClient.ConnectionHook("shot-session", login: "carol"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync("ConnectionStatusEvent", HookClient.ConnectionHook("shot-session", "ESTABLISHED", "carol"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync("publishStream", HookClient.StreamHook(live, "shot-session", "studio-a", "PENDING"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(live, "shot-session", "studio-a", "PUBLISHING"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(Guid.NewGuid().ToString(), "shot-session", "studio-a", "PLAYING", published: false))).EnsureSuccessStatusCode();
        var failed = HookClient.StreamHook(Guid.NewGuid().ToString(), "shot-session", "studio-b", "FAILED");
        failed["info"] = "Failed by ICE timeout";
        (await hooks.PostHookAsync("StreamStatusEvent", failed)).EnsureSuccessStatusCode();
        await hooks.PostRawHookAsync("StreamStatusEvent", "{not json");

        var pages = new (string Name, string Url, string MustShow)[]
        {
            ("dashboard", "/", "Streams publishing"),
            ("streams", "/streams", "studio-a"),
            ("stream", "/streams/" + live, "Status timeline"),
            ("sessions", "/sessions", "carol"),
            ("session", "/sessions/shot-session", "restClientConfig given to its connect"),
            ("events", "/events", "StreamStatusEvent"),
            ("settings", "/settings", "API keys"),
        };
        foreach (var (width, height, suffix) in new[] { (BrowserFixture.LaptopWidth, BrowserFixture.LaptopHeight, "laptop"), (BrowserFixture.PhoneWidth, BrowserFixture.PhoneHeight, "phone") })
        {
            var page = await fixture.NewPageAsync(width, height);
            await page.GotoAsync("/login");
            await Expect(page.Locator("button[type=submit]")).ToBeVisibleAsync();
            await fixture.ScreenshotAsync(page, $"login-{suffix}");
            await page.FillAsync("input[name=username]", "admin");
            await page.FillAsync("input[name=password]", PortalFactory.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await BrowserFixture.WaitInteractiveAsync(page);

            foreach (var (name, url, mustShow) in pages)
            {
                await page.GotoAsync(url);
                await BrowserFixture.WaitInteractiveAsync(page);
                await Expect(page.GetByText(mustShow).First).ToBeVisibleAsync();
                var path = await fixture.ScreenshotAsync(page, $"{name}-{suffix}");
                Assert.True(new FileInfo(path).Length > 5_000, $"{path} looks empty");
            }

            // The details drawer of a publish (a fixed overlay: a viewport shot shows it whole).
            await page.GotoAsync("/events");
            await BrowserFixture.WaitInteractiveAsync(page);
            await page.Locator("tr[data-event-id]", new() { HasText = "publishStream" }).First.ClickAsync();
            await Expect(page.Locator("#event-body")).ToBeVisibleAsync();
            await Expect(page.Locator("#copy-curl")).ToBeVisibleAsync();
            await fixture.ScreenshotAsync(page, $"event-details-{suffix}", fullPage: false);
            await page.Context.CloseAsync();
        }
    }
}
