using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Backup;

/// <summary>Online backups: consistent while hooks flow, restorable by pointing ConnectionStrings:Portal at the file, admin only.</summary>
public sealed class BackupTests : PortalTest
{
    [Fact]
    public async Task A_backup_taken_while_hooks_flow_is_intact_and_an_app_started_on_it_serves_the_events_committed_before()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await hooks.PostHookAsync("connect", HookClient.ConnectionHook($"before-{i}"))).StatusCode);
        var committedBefore = (await api.GetObjectAsync("/api/events?pageSize=1"))["total"]!.GetValue<int>();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var posted = 0;
        var flow = Task.Run(async () =>
        {
            // Bounded in count and time; stops as soon as the backup is done.
            for (var i = 0; i < 5000 && !stop.IsCancellationRequested; i++)
            {
                var response = await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"m-{i}", "s-flow", "flow", "PUBLISHING"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref posted);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref posted) >= 50 || flow.IsCompleted);

        var created = await api.PostAsync("/api/backups", null);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var backup = JsonNode.Parse(await created.Content.ReadAsStringAsync())!.AsObject();
        await stop.CancelAsync();
        await flow;

        var fileName = backup["fileName"]!.GetValue<string>();
        Assert.True(backup["sizeBytes"]!.GetValue<long>() > 0);
        Assert.NotNull(backup["createdAt"]);
        var path = Path.Combine(Path.GetDirectoryName(Factory.DatabasePath)!, "backups", fileName);
        Assert.True(File.Exists(path), $"no backup at {path}");
        await using (var copy = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await copy.OpenAsync();
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string)(await check.ExecuteScalarAsync())!);
        }
        var list = await api.GetObjectAsync("/api/backups");
        Assert.Contains(fileName, list["items"]!.AsArray().Select(i => i!["fileName"]!.GetValue<string>()));

        await using var restored = new PortalFactory();
        restored.Settings["ConnectionStrings:Portal"] = $"Data Source={path}";
        var restoredApi = restored.CreateApiClient();
        var total = (await restoredApi.GetObjectAsync("/api/events?pageSize=1"))["total"]!.GetValue<int>();
        Assert.InRange(total, committedBefore, committedBefore + posted);
        var sessions = await restoredApi.GetObjectAsync("/api/sessions?pageSize=100");
        Assert.Contains("before-0", sessions.ToJsonString());
    }

    [Fact]
    public async Task A_viewer_can_list_backups_but_not_make_one()
    {
        _ = Factory.Server;
        using (var scope = Factory.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("watcher", "Viewer-Password-1", PortalRoles.Viewer, CancellationToken.None));
        var viewer = Factory.CreateClient(new() { AllowAutoRedirect = false });
        await LoginForm.SignInAsync(viewer, "watcher", "Viewer-Password-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/backups", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/backups")).StatusCode);
        Assert.Empty((await Factory.CreateApiClient().GetObjectAsync("/api/backups"))["items"]!.AsArray());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the condition did not become true in time");
            await Task.Delay(10);
        }
    }
}
