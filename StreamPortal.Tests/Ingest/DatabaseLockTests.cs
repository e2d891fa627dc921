using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// Another process holding the database's write lock: hooks are answered 503 with Retry-After within the writer's busy
/// timeout (not retried one by one, each waiting it again, past WCS's 15 s), and stored again once the lock is gone.
/// </summary>
public sealed class DatabaseLockTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Ingest:WriterBusyTimeoutMs"] = "1000";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Hooks_get_503_with_Retry_After_fast_while_another_connection_holds_the_write_lock_and_200_after()
    {
        var client = Factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        Assert.Equal(HttpStatusCode.OK, (await client.PostHookAsync("connect", HookClient.ConnectionHook("before"))).StatusCode);

        await using (var locker = new SqliteConnection(Factory.ConnectionString + ";Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            var clock = Stopwatch.StartNew();
            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"m-{i}", $"s-{i}", "n", "PUBLISHING"))));
            var elapsed = clock.Elapsed;

            Assert.All(responses, r =>
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
                Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            });
            Assert.Contains("locked", await responses[0].Content.ReadAsStringAsync());
            // Two busy timeouts at most: the batch being written when the hook arrived, then its own.
            Assert.True(elapsed < TimeSpan.FromSeconds(4), $"503s took {elapsed.TotalSeconds:F1} s");
        }

        var after = await client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("m-after", "s-after", "n", "PUBLISHING"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var stored = await Factory.CreateApiClient().GetObjectAsync("/api/events?pageSize=1");
        Assert.Equal(2, stored["total"]!.GetValue<int>());
    }
}
