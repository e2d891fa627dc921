using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>
/// A rule made "active for 10 min" in the editor bites, then lapses when the app's clock passes its end. The app
/// here is its own (the shared fixture's runs on the system clock): the same Kestrel set-up, with a
/// <see cref="FakeTimeProvider"/> as its TimeProvider, and the fixture's browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RuleActiveForBrowserTests(BrowserFixture fixture)
{
    private sealed class FakeClockPortal(FakeTimeProvider time) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time));
        }
    }

    [BrowserFact]
    public async Task A_rule_active_for_10_min_answers_its_status_then_lapses()
    {
        // A shared 2-core machine: a circuit can take longer than the 5 s default to come up.
        SetDefaultExpectTimeout(30_000);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new FakeClockPortal(time);
        portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        var baseUrl = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1");
        using var hooks = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var stream = "timed-" + Guid.NewGuid().ToString("N")[..8];
        // Seen in traffic first, so the editor offers it.
        (await hooks.PostHookAsync(WcsMethod.PublishStream, HookClient.StreamHook(Guid.NewGuid().ToString(), "s-timed", stream, StreamStatus.Pending))).EnsureSuccessStatusCode();

        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await page.GotoAsync("/rules");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.ClickAsync("[data-testid=new-rule]");
        var editor = page.Locator("[data-testid=rule-editor]");
        await editor.Locator("[data-testid=name]").FillAsync("ten minutes of 403");
        await RuleEditorPage.SelectMethodsAsync(page, WcsMethod.PublishStream);
        // The stream name is offered from traffic: type part of it and pick it.
        await editor.Locator("input[data-testid=streamName], [data-testid=streamName] input").First.FillAsync(stream[..9]);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = stream }).ClickAsync();
        await Expect(editor.Locator("input[data-testid=streamName], [data-testid=streamName] input").First).ToHaveValueAsync(stream);
        await editor.Locator("[data-testid=status]").FillAsync("403");
        await editor.Locator("[data-testid=active-for-10m]").ClickAsync();
        var end = time.GetUtcNow().AddMinutes(10);
        await Expect(editor.Locator("[data-testid=active-until-text]")).ToContainTextAsync("(10 min from now)");
        await editor.Locator("[data-testid=save]").ClickAsync();
        await Expect(editor).ToHaveCountAsync(0);

        var rule = Assert.Single(await portal.Services.GetRequiredService<RuleService>().ListAsync(null, default));
        Assert.Equal(end.ToUnixTimeSeconds(), rule.Limits.ActiveUntil!.Value.ToUnixTimeSeconds());

        var hook = HookClient.StreamHook(Guid.NewGuid().ToString(), "s-timed", stream, StreamStatus.Pending);
        Assert.Equal(HttpStatusCode.Forbidden, (await hooks.PostHookAsync(WcsMethod.PublishStream, hook)).StatusCode);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.Forbidden, (await hooks.PostHookAsync(WcsMethod.PublishStream, hook)).StatusCode);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync(WcsMethod.PublishStream, hook)).StatusCode);

        // The editor says it has ended.
        await page.Locator("[data-testid=rule-edit]").ClickAsync();
        await Expect(editor.Locator("[data-testid=active-until-text]")).ToContainTextAsync("Ended at");
        await context.CloseAsync();
    }
}
