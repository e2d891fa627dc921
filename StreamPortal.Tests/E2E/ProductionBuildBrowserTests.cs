using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var app = StartBuildOutput(baseUrl, database);
        try
        {
            await WaitUntilServingAsync(baseUrl, app.Process, app.Log);

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
            await page.GotoAsync("/login");
            await page.FillAsync("input[name=username]", "admin");
            await page.FillAsync("input[name=password]", PortalFactory.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(baseUrl + "/");
            await BrowserFixture.WaitInteractiveAsync(page);

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
            if (!app.Process.HasExited) app.Process.Kill(entireProcessTree: true);
            await app.Process.WaitForExitAsync();
        }
    }

    private sealed record RunningApp(Process Process, StringBuilder Log) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }

    /// <summary>StreamPortal/bin/{the tests' configuration}/net10.0: the output of the build the tests ran against.</summary>
    private static RunningApp StartBuildOutput(string baseUrl, TempDatabase database)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "StreamPortal.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var output = Path.Combine(root.FullName, "StreamPortal", "bin", configuration, testBin.Name);
        Assert.True(File.Exists(Path.Combine(output, "StreamPortal.dll")), $"no build output at {output}");

        var start = new ProcessStartInfo("dotnet", "StreamPortal.dll")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ConnectionStrings__Portal"] = database.ConnectionString;
        start.Environment["StreamPortal__Admin__Password"] = PortalFactory.AdminPassword;
        var log = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningApp(process, log);
    }

    private static async Task WaitUntilServingAsync(string baseUrl, Process process, StringBuilder log)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, $"the app exited: {log}");
            try
            {
                if ((await client.GetAsync("/login")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        Assert.Fail($"the app did not answer within 60 s: {log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
