using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

// Hook-to-browser latency: an admin has the Events page open; a hook is POSTed; how long until its row is on screen?
// Each sample: take the time, POST a hook with a unique stream name (the answer comes after the durable commit),
// wait for a row tr[data-event-id] holding that name, take the time. Samples are spaced by a random pause so they
// do not lock onto the page's refresh throttle. Prints hook_to_browser_p50_ms / _p95_ms, or "skipped (reason)".
// Usage: BrowserLatency --url http://127.0.0.1:PORT --password P --body-file FILE [--samples 40] [--warmup 3]
var map = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
var baseUrl = map["url"].TrimEnd('/');
if (!new Uri(baseUrl).IsLoopback) { Console.Error.WriteLine("browser: loopback only."); return 2; }
var password = map["password"];
var samples = int.Parse(map.GetValueOrDefault("samples", "40"), CultureInfo.InvariantCulture);
var warmup = int.Parse(map.GetValueOrDefault("warmup", "3"), CultureInfo.InvariantCulture);
var template = JsonNode.Parse(File.ReadAllText(map["body-file"]))!.AsObject();

void Skip(string reason)
{
    Console.WriteLine($"hook_to_browser_p50_ms: skipped ({reason})");
    Console.WriteLine($"hook_to_browser_p95_ms: skipped ({reason})");
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = map.GetValueOrDefault("chromium", "/usr/bin/chromium"),
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"],
});
var page = await browser.NewPageAsync();
page.SetDefaultTimeout(20_000);

// Logging in is retried: on a busy machine the first attempt can time out before the form is ready.
string? problem = null;
for (var attempt = 1; attempt <= 3; attempt++)
{
    problem = await LogInAndOpenEventsAsync(page, baseUrl, password);
    if (problem is null || problem.StartsWith("contract:", StringComparison.Ordinal)) break;
}
if (problem is not null)
{
    Skip(problem.Replace("contract: ", "", StringComparison.Ordinal));
    return 0;
}

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
var random = new Random(7);
var run = Guid.NewGuid().ToString("N")[..8];
var measured = new List<double>();
for (var i = 0; i < warmup + samples; i++)
{
    var name = $"b2b-{run}-{i:D3}";
    template["name"] = name;
    template["mediaSessionId"] = $"b2b-{run}-{i:D3}-msid";
    using var content = new StringContent(template.ToJsonString(), Encoding.UTF8, "application/json");
    var row = page.Locator($"tr[data-event-id]:has-text(\"{name}\")");
    var start = Stopwatch.GetTimestamp();
    using var answer = await http.PostAsync("/rest/my_api/StreamStatusEvent", content);
    if (!answer.IsSuccessStatusCode) { Skip($"hook answered {(int)answer.StatusCode}"); return 1; }
    try { await row.First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 10_000 }); }
    catch (TimeoutException)
    {
        Skip($"row of sample {i} not shown within 10 s");
        return 0;
    }
    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    if (i >= warmup) measured.Add(ms);
    await Task.Delay(50 + random.Next(250));
}

measured.Sort();
double P(double p) => measured[Math.Clamp((int)Math.Ceiling(p / 100 * measured.Count) - 1, 0, measured.Count - 1)];
Console.WriteLine($"hook_to_browser_p50_ms: {P(50).ToString("F0", CultureInfo.InvariantCulture)}");
Console.WriteLine($"hook_to_browser_p95_ms: {P(95).ToString("F0", CultureInfo.InvariantCulture)}");
Console.WriteLine($"hook_to_browser_max_ms: {P(100).ToString("F0", CultureInfo.InvariantCulture)}");
Console.WriteLine($"hook_to_browser_samples: {measured.Count}");
return 0;

// Null when the Events page is open and interactive; otherwise why not ("contract: ..." when a page or element
// of the contract is missing, which no retry will fix).
static async Task<string?> LogInAndOpenEventsAsync(IPage page, string baseUrl, string password)
{
    try
    {
        var login = await page.GotoAsync($"{baseUrl}/login");
        if (login is null || login.Status >= 400) return $"contract: GET /login answered {login?.Status}";
        var user = page.Locator("input[name=username]");
        try { await user.WaitForAsync(new() { Timeout = 20_000 }); }
        catch (TimeoutException) { return "contract: no input[name=username] on /login"; }
        await user.FillAsync("admin");
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        try { await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 20_000 }); }
        catch (TimeoutException) { return "login did not leave /login"; }

        var events = await page.GotoAsync($"{baseUrl}/events");
        if (events is null || events.Status >= 400) return $"contract: GET /events answered {events?.Status}";
        try { await page.Locator("[data-testid=interactive-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 }); }
        catch (TimeoutException) { return "no [data-testid=interactive-ready] on /events within 30 s"; }
        return null;
    }
    catch (PlaywrightException ex)
    {
        return ex.Message.Split('\n')[0];
    }
}
