using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// The built app as a process of its own, killed (SIGKILL) in the middle of a hook load and restarted, five times:
/// every hook answered 200 is in the database afterwards, and the file passes SQLite's integrity check.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Rounds = 5;
    private const int Clients = 4;

    [Fact]
    public async Task Every_answered_hook_survives_five_kills_in_the_middle_of_a_load()
    {
        using var database = new TempDatabase();
        var answered = new ConcurrentBag<string>();
        var total = Stopwatch.StartNew();

        for (var round = 1; round <= Rounds; round++)
        {
            var port = FreePort();
            using var app = Start(database, port);
            try
            {
                await RunRoundAsync(app, port, round, answered);
            }
            finally
            {
                // A failed round must not leave a portal running.
                if (!app.HasExited) app.Kill();
                await app.WaitForExitAsync();
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        using (var connection = database.Open())
        {
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string)check.ExecuteScalar()!);
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT Name FROM Events WHERE Name IS NOT NULL";
            using var reader = select.ExecuteReader();
            while (reader.Read()) names.Add(reader.GetString(0));
        }
        var lost = answered.Where(n => !names.Contains(n)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {answered.Count} answered hooks lost, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(answered.Count >= Rounds * 150, $"only {answered.Count} hooks answered");
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(240), $"took {total.Elapsed.TotalSeconds:0} s");
        SqliteConnection.ClearAllPools();
    }

    private static async Task RunRoundAsync(Process app, int port, int round, ConcurrentBag<string> answered)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilAnsweringAsync(client, app, $"r{round}-ready", answered);

        // A few clients post hooks with unique names until the process dies under them.
        var before = answered.Count;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var name = $"r{round}-c{c}-{i}";
                try
                {
                    var response = await client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(Guid.NewGuid().ToString(), $"s-{c}", name, "PUBLISHING"));
                    if (response.StatusCode == HttpStatusCode.OK) answered.Add(name);
                }
                catch (HttpRequestException) { return; }
                catch (TaskCanceledException) { return; }
            }
        })).ToArray();

        await LoopbackServer.WaitForAsync(() => answered.Count - before >= 150 || app.HasExited, TimeSpan.FromSeconds(20), "hooks answered under load");
        Assert.False(app.HasExited, "The portal exited by itself.");
        app.Kill();
        await app.WaitForExitAsync();
        await stop.CancelAsync();
        await Task.WhenAll(load);
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient client, Process app, string name, ConcurrentBag<string> answered)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(app.HasExited, "The portal did not start:\n" + LastOutput);
            // Generous: the machine is shared, and a start migrates and recovers the WAL of the killed run.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), "The portal did not answer within 45 s of its start:\n" + LastOutput);
            try
            {
                var response = await client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-ready", name, "PUBLISHING"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    answered.Add(name);
                    return;
                }
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
    }

    /// <summary>The app built next to the tests, on its own port and the test's database file.</summary>
    private static Process Start(TempDatabase database, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StreamPortal.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ConnectionStrings__Portal"] = database.ConnectionString;
        info.Environment["StreamPortal__Admin__Password"] = PortalFactory.AdminPassword;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        // Drained so that a full pipe never blocks the portal.
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The portal's last output lines, for the failure message.</summary>
    private static readonly ConcurrentQueue<string> Output = new();

    private static void Keep(string? line)
    {
        if (line is null) return;
        Output.Enqueue(line);
        while (Output.Count > 30) Output.TryDequeue(out _);
    }

    private static string LastOutput => string.Join("\n", Output);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
