using System.Diagnostics;
using System.Net;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.E2E;

/// <summary>
/// The app's build output run as its own process in Production (as `dotnet run -c Release` or `dotnet StreamPortal.dll`
/// from bin do): its scripts and MudBlazor's assets used to answer empty or 500 there, so the console never came alive.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProductionBuildBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_build_output_in_production_serves_a_working_console()
    {
        using var database = new TempDatabase();
        using var app = PortalProcess.Start(database, "Production");
        var baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        try
        {
            await WaitUntilServingAsync(app);

            var context = await fixture.Browser.NewContextAsync(new() { BaseURL = baseUrl });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            var failed = new List<string>();
            var assets = new List<string>();
            page.RequestFailed += (_, request) => { lock (failed) failed.Add($"{request.Url}: {request.Failure}"); };
            page.Response += (_, response) =>
            {
                lock (failed)
                {
                    if (response.Status >= 400) failed.Add($"{response.Url}: {response.Status}");
                    if (response.Request.ResourceType is "script" or "stylesheet") assets.Add(response.Url);
                }
            };
            await BrowserFixture.SignInAsync(page);

            lock (failed) Assert.True(failed.Count == 0, string.Join("\n", failed));
            List<string> loaded;
            lock (failed) loaded = [.. assets.Distinct()];
            Assert.Contains(loaded, url => url.Contains("/_framework/blazor.web", StringComparison.Ordinal));
            Assert.Contains(loaded, url => url.Contains("/_content/MudBlazor/", StringComparison.Ordinal));
            // A missing file used to answer 200 with an empty body: the browser counts that as loaded.
            using var client = new HttpClient();
            foreach (var url in loaded)
                Assert.True((await client.GetByteArrayAsync(url)).Length > 0, $"{url} answered an empty body");
            await context.CloseAsync();
        }
        finally
        {
            await app.KillAsync();
        }
    }

    private static async Task WaitUntilServingAsync(PortalProcess app)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(app.Process.HasExited, $"the app exited: {app.RecentOutput}");
            try
            {
                if ((await client.GetAsync("/login")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        Assert.Fail($"the app did not answer within 60 s: {app.RecentOutput}");
    }
}
