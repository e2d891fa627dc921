using System.Net;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// Part of the store contract: runs on SQLite here and on PostgreSQL in PostgresConcurrentHooksTests (PostgresStoreContract.cs).
/// </summary>
public class ConcurrentHooksTests : PortalTest
{
    [StoreFact]
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

        // Read the table itself, on a new connection: answered means committed.
        Assert.Equal(tasks * perTask, await Factory.CountStoredEventsAsync());
    }
}
