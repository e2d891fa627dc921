using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.E2E;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) over a temp SQLite file, and Debian's Chromium driven by Playwright.
/// Without a Chromium it starts nothing: its tests (<see cref="BrowserFactAttribute"/>) are skipped, or fail when a
/// browser is required (<see cref="BrowserAvailability"/>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const int LaptopWidth = 1366, LaptopHeight = 800, PhoneWidth = 390, PhoneHeight = 844;

    public PortalFactory Factory { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public string ScreenshotDir { get; } = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } dir
        ? dir
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!BrowserAvailability.IsAvailable)
        {
            if (BrowserAvailability.Required)
                throw new InvalidOperationException($"{BrowserAvailability.RequireVariable} is set, so browser tests must run. " + BrowserAvailability.MissingReason);
            return;
        }
        Directory.CreateDirectory(ScreenshotDir);
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserAvailability.ExecutablePath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>A client for hooks and the API against the real socket.</summary>
    public HttpClient CreateHttpClient(bool withApiKey = false)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (withApiKey) client.DefaultRequestHeaders.Add("X-Api-Key", PortalFactory.ApiKey);
        return client;
    }

    public async Task<IPage> NewPageAsync(int width = LaptopWidth, int height = LaptopHeight)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form and waits until the dashboard's circuit is interactive.</summary>
    public async Task<IPage> LoginAsync(string user = "admin", string password = PortalFactory.AdminPassword, int width = LaptopWidth, int height = LaptopHeight)
    {
        var page = await NewPageAsync(width, height);
        await SignInAsync(page, user, password);
        return page;
    }

    /// <summary>
    /// Signs <paramref name="page"/> in through the login form (relative to its context's BaseURL) and waits until the
    /// dashboard it lands on is interactive: every browser test's way in, whatever fixture or server it uses.
    /// </summary>
    public static async Task SignInAsync(IPage page, string user = "admin", string password = PortalFactory.AdminPassword)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitInteractiveAsync(page);
    }

    /// <summary>Clicks before the circuit is up are lost: the layout renders this marker only when interactive.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=interactive-ready]")).ToBeAttachedAsync();

    public async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(ScreenshotDir, name + ".png");
        // Animations finished: a dialog caught mid-opening looks narrower than it is.
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
