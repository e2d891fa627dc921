using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace StreamPortal.Tests.E2E;

/// <summary>Every page at laptop and phone width with realistic data, saved as PNG (SCREENSHOT_DIR or bin/.../screenshots).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
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

        // Rules and a connect policy as an operator would have them; their globs match no hook of the other tests.
        var rules = fixture.Factory.Services.GetRequiredService<RuleService>();
        var shotRules = new List<long>();
        foreach (var rule in ShotRules())
            shotRules.Add((await rules.CreateAsync(rule, default)).Value?.Id ?? throw new InvalidOperationException("screenshot rule invalid"));
        var policies = fixture.Factory.Services.GetRequiredService<ConnectPolicyService>();
        await policies.PutAsync("shot-app", new ConnectPolicyInput
        {
            RestClientConfig = new()
            {
                ["publishStream"] = new MethodPolicy { RestOnError = "FAIL", RestPolicy = "OVERWRITE", RestOverwrite = "name,record" },
                ["StreamStatusEvent"] = new MethodPolicy { RestOnError = "FAIL" },
            },
        }, default);

        var pages = new (string Name, string Url, string MustShow)[]
        {
            ("dashboard", "/", "Streams publishing"),
            ("streams", "/streams", "studio-a"),
            ("stream", "/streams/" + live, "Status timeline"),
            ("sessions", "/sessions", "carol"),
            ("session", "/sessions/shot-session", "restClientConfig given to its connect"),
            ("events", "/events", "StreamStatusEvent"),
            ("settings", "/settings", "API keys"),
            ("rules", "/rules", "shot: refuse vip publishes"),
            ("connect-policy", "/rules/connect-policy?appKey=shot-app", "has a policy of its own"),
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
            await Expect(page.Locator("[data-testid=event-body]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=copy-curl]")).ToBeVisibleAsync();
            await fixture.ScreenshotAsync(page, $"event-details-{suffix}", fullPage: false);

            // The rule editor dialog over the Rules page, opened on a rule with a body condition and limits.
            await page.GotoAsync("/rules");
            await BrowserFixture.WaitInteractiveAsync(page);
            await page.Locator("[data-testid=rule-row]", new() { HasText = "shot: slow start for carol" }).Locator("[data-testid=rule-edit]").ClickAsync();
            await Expect(page.Locator("[data-testid=predicted-effect]")).ToContainTextAsync("publishStream");
            await fixture.ScreenshotAsync(page, $"rule-editor-{suffix}", fullPage: false);
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator("[data-testid=rule-editor]")).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
        }

        foreach (var id in shotRules) await rules.DeleteAsync(id, default);
        await policies.DeleteAsync("shot-app", default);
    }

    private static IEnumerable<RuleInput> ShotRules()
    {
        yield return new RuleInput
        {
            Name = "shot: refuse vip publishes",
            Match = new RuleMatchInput { Methods = ["publishStream"], StreamName = "shot-vip-*" },
            Answer = new RuleAnswerInput { Status = 403 },
        };
        yield return new RuleInput
        {
            Name = "shot: slow start for carol",
            Match = new RuleMatchInput
            {
                Methods = ["publishStream", "playStream"], AppKey = "shot-app", StreamName = "shot-slow-*",
                Fields = [new FieldConditionInput { Path = "custom.login", Op = FieldOps.EqualsOp, Value = "carol" }],
            },
            Answer = new RuleAnswerInput { Status = 200, DelayMs = 2000, DelayMaxMs = 4000 },
            Limits = new RuleLimitsInput { Probability = 0.5, MaxHits = 10 },
        };
        yield return new RuleInput
        {
            Name = "shot: flaky status events",
            Enabled = false,
            Match = new RuleMatchInput { Methods = ["StreamStatusEvent"], Statuses = ["PUBLISHING"], StreamName = "shot-flaky-*" },
            Answer = new RuleAnswerInput { Status = 500, Body = new AnswerBodyInput { Mode = BodyModes.Empty } },
            Limits = new RuleLimitsInput { EveryNth = 3 },
        };
    }
}
