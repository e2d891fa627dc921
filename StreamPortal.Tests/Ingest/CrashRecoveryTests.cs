using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
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
            // Development, like the suite's in-process portals; disposing kills a portal a failed round left running.
            using var app = PortalProcess.Start(database, "Development");
            await RunRoundAsync(app, round, answered);
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

    private static async Task RunRoundAsync(PortalProcess app, int round, ConcurrentBag<string> answered)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
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

        await LoopbackServer.WaitForAsync(() => answered.Count - before >= 150 || app.Process.HasExited, TimeSpan.FromSeconds(20), "hooks answered under load");
        Assert.False(app.Process.HasExited, "The portal exited by itself:\n" + app.RecentOutput);
        await app.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(load);
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient client, PortalProcess app, string name, ConcurrentBag<string> answered)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(app.Process.HasExited, "The portal did not start:\n" + app.RecentOutput);
            // Generous: the machine is shared, and a start migrates and recovers the WAL of the killed run.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), "The portal did not answer within 45 s of its start:\n" + app.RecentOutput);
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
}
