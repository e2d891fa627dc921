using System.Net;
using Microsoft.Data.Sqlite;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

public sealed class ConcurrentHooksTests : PortalTest
{
    [Fact]
    public async Task Hundreds_of_concurrent_hooks_are_all_answered_and_all_stored()
    {
        const int tasks = 16, perTask = 40;
        var client = Factory.CreateClient();
        var statuses = await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < perTask; i++)
            {
                var hook = HookClient.StreamHook($"ms-{t}-{i % 10}", $"session-{t}", $"stream-{t}", i % 10 == 9 ? "UNPUBLISHED" : "PUBLISHING");
                codes.Add((await client.PostHookAsync("StreamStatusEvent", hook)).StatusCode);
            }
            return codes;
        })));

        Assert.All(statuses.SelectMany(s => s), code => Assert.Equal(HttpStatusCode.OK, code));
        var api = Factory.CreateApiClient();
        Assert.Equal(tasks * perTask, (await api.GetObjectAsync("/api/events?pageSize=1"))["total"]!.GetValue<int>());
        Assert.Equal(tasks * 10, (await api.GetObjectAsync("/api/streams?pageSize=1"))["total"]!.GetValue<int>());
        Assert.Equal(tasks, (await api.GetObjectAsync("/api/sessions?pageSize=1"))["total"]!.GetValue<int>());

        // Read the file itself, on a connection of our own: answered means committed to disk.
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM Events";
        Assert.Equal(tasks * perTask, Convert.ToInt32(await cmd.ExecuteScalarAsync()));
    }
}
