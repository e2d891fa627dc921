using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// When the writer cannot keep up (here: held by a write lock) and the queue is full, hooks that wait longer than
/// MaxQueueWaitMs for room are shed with 503 and Retry-After, counted, and accepted again once the writer moves.
/// </summary>
public sealed class LoadSheddingTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Ingest:QueueCapacity"] = "1";
        Factory.Settings["StreamPortal:Ingest:MaxQueueWaitMs"] = "50";
        // Long enough that the held writer is still waiting for the lock when the last shed hook is answered on a loaded
        // machine (at 3 s a slow run saw the writer give up first, so a shed hook met the lock's 503 instead).
        Factory.Settings["StreamPortal:Ingest:WriterBusyTimeoutMs"] = "10000";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Hooks_waiting_too_long_for_room_are_shed_with_503_and_counted_then_accepted_again()
    {
        var client = Factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        var metrics = Factory.Services.GetRequiredService<IngestMetrics>();
        var queue = Factory.Services.GetRequiredService<IngestQueue>();
        var status = Factory.Services.GetRequiredService<WriterStatus>();

        List<HttpResponseMessage> shed;
        List<Task<HttpResponseMessage>> held;
        await using (var locker = new SqliteConnection(Factory.ConnectionString + ";Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            // The writer takes the first hook and waits for the lock; the second fills the queue. One at a time: sent
            // together on a loaded machine, the second could be shed while the writer had not yet woken for the first,
            // and a shed hook then found room and waited for a commit that the held lock kept back.
            held = [client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("held-0", "s", "n", "PUBLISHING"))];
            await WaitUntilAsync(() => status.Writing == 1);
            held.Add(client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("held-1", "s", "n", "PUBLISHING")));
            await WaitUntilAsync(() => queue.Count == 1);
            shed = (await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
                client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"shed-{i}", "s", "n", "PUBLISHING"))))).ToList();
        }
        await Task.WhenAll(held);

        Assert.All(shed, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "503 without Retry-After");
        });
        Assert.Contains("MaxQueueWaitMs", await shed[0].Content.ReadAsStringAsync());
        Assert.Equal(5, metrics.ShedLastHour);

        var after = await client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("after", "s", "n", "PUBLISHING"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(10, limit.Token);
    }
}
