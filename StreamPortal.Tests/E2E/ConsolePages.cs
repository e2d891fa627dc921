using Microsoft.Playwright;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>
/// Every console page, for the accessibility check and the screenshots: a page added to the console is checked by
/// adding one line to <see cref="All"/>. <see cref="SeedAsync"/> first replays realistic traffic so pages show data.
/// </summary>
public static class ConsolePages
{
    public sealed record Page(string Name, string Url, string MustShow);

    /// <summary>What the seeded traffic holds, for the detail pages' addresses.</summary>
    public sealed record Seeded(string LiveStreamId, string SessionId);

    public static IReadOnlyList<Page> All(Seeded s) =>
    [
        new("dashboard", "/", "Streams publishing"),
        new("events", "/events", "StreamStatusEvent"),
        new("streams", "/streams", "studio-a"),
        new("stream", "/streams/" + s.LiveStreamId, "Status timeline"),
        new("sessions", "/sessions", "carol"),
        new("session", "/sessions/" + s.SessionId, "restClientConfig given to its connect"),
        new("anomalies", "/anomalies", "What went wrong between hooks"),
        new("rules", "/rules", "Response rules"),
        new("connect-policy", "/rules/connect-policy", "Connect policies"),
        new("settings", "/settings", "API keys"),
        new("simulator", "/simulator", "Simulator"),
        new("not-found", "/not-found", "does not exist"),
        new("error", "/Error", "An error occurred"),
    ];

    /// <summary>The sign-in page, checked signed out (it has its own layout and no circuit).</summary>
    public static readonly Page Login = new("login", "/login", "Sign in to the admin console");

    /// <summary>The lifecycle fixture (publish, play, stop), a live publisher with a player, a failed publish, a bad body.</summary>
    public static async Task<Seeded> SeedAsync(HttpClient hooks)
    {
        foreach (var (_, method, body) in Fixtures.Lifecycle()) (await hooks.PostHookAsync(method, body)).EnsureSuccessStatusCode();
        var session = "page-session-" + Guid.NewGuid().ToString("N")[..8];
        var live = Guid.NewGuid().ToString();
        (await hooks.PostHookAsync(WcsMethod.Connect, HookClient.ConnectionHook(session, login: "carol"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Established, "carol"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync(WcsMethod.PublishStream, HookClient.StreamHook(live, session, "studio-a", StreamStatus.Pending))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(live, session, "studio-a", StreamStatus.Publishing))).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
            (await hooks.PostHookAsync(KeepAlive.Method, HookClient.StreamHook(live, session, "studio-a", StreamStatus.Publishing))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(Guid.NewGuid().ToString(), session, "studio-a", StreamStatus.Playing, published: false))).EnsureSuccessStatusCode();
        var failed = HookClient.StreamHook(Guid.NewGuid().ToString(), session, "studio-b", StreamStatus.Failed);
        failed["info"] = "Failed by ICE timeout";
        (await hooks.PostHookAsync(WcsMethod.StreamStatusEvent, failed)).EnsureSuccessStatusCode();
        await hooks.PostRawHookAsync(WcsMethod.StreamStatusEvent, "{not json");
        return new Seeded(live, session);
    }

    /// <summary>A signed-in admin's browser context in the given theme (chosen through the OS setting the browser reports).</summary>
    public static async Task<IPage> SignInAsync(BrowserFixture fixture, bool dark, int width, int height, bool bypassCsp = false)
    {
        // A shared 2-core machine: a circuit can take longer than the 5 s default to come up.
        SetDefaultExpectTimeout(30_000);
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            // axe is injected as a script: the console's CSP (no inline or eval'd script) would refuse it.
            BypassCSP = bypassCsp,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await ExpectThemeAsync(page, dark);
        return page;
    }

    /// <summary>Opens a page and waits for its data and for the theme it should be in.</summary>
    public static async Task OpenAsync(IPage page, Page target, bool dark)
    {
        await page.GotoAsync(target.Url);
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("main").GetByText(target.MustShow).First).ToBeVisibleAsync();
        await ExpectThemeAsync(page, dark);
    }

    private static Task ExpectThemeAsync(IPage page, bool dark) =>
        Expect(page.Locator("[data-testid=dark-mode-toggle]")).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
}
