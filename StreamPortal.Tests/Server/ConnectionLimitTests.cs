using System.Net;
using System.Text;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Server;

/// <summary>
/// StreamPortal:Server:MaxConcurrentConnections on real Kestrel: with every slot held by a hook in a rule's delay,
/// further connections are refused at once, the held hooks are still answered, and a real hook is answered after.
/// </summary>
public sealed class ConnectionLimitTests : PortalTest
{
    private const int Limit = 20;
    private const int Extra = 30;
    private const string SlowMethod = "slowHook";

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_and_the_server_keeps_answering()
    {
        Factory.Settings["StreamPortal:Server:MaxConcurrentConnections"] = Limit.ToString();
        var baseAddress = Factory.StartOnLoopback();
        await LoopbackServer.AddRuleAsync(baseAddress,
            $$"""{ "name": "slow", "match": { "methods": ["{{SlowMethod}}"] }, "answer": { "status": 200, "delayMs": 4000 } }""");

        var body = Encoding.UTF8.GetBytes("""{"sessionId":"flood","name":"flood"}""");
        byte[] Request(string method) => [.. RawConnection.Head($"/rest/my_api/{method}", $"Content-Length: {body.Length}\r\nConnection: close\r\n"), .. body];
        // The rule's connection closes after its answer; its slot is free again once the server has seen that.
        var held = new List<RawConnection>();
        for (var i = 0; i < Limit; i++)
        {
            var connection = await RawConnection.OpenAsync(baseAddress);
            await connection.SendAsync(Request(SlowMethod));
            held.Add(connection);
        }
        // Hooks are stored before their delay: every slot is taken by a hook waiting to be answered.
        await LoopbackServer.WaitForAsync(() => Factory.CountEvents(SlowMethod) >= Limit - 1, TimeSpan.FromSeconds(10), "the held hooks");

        var extras = await Task.WhenAll(Enumerable.Range(0, Extra).Select(async _ =>
        {
            using var connection = await RawConnection.OpenAsync(baseAddress);
            try { await connection.SendAsync(Request("extraHook")); }
            catch (IOException) { return null; }
            return await connection.ReadResponseAsync(TimeSpan.FromSeconds(10));
        }));

        Assert.All(extras, Assert.Null);
        Assert.Equal(0, Factory.CountEvents("extraHook"));

        var answers = await Task.WhenAll(held.Select(c => c.ReadResponseAsync(TimeSpan.FromSeconds(15))));
        Assert.True(answers.Count(a => a?.Status == 200) >= Limit - 1, $"{answers.Count(a => a?.Status == 200)} held hooks answered 200");
        foreach (var c in held) c.Dispose();

        // Slots come back as connections close: a real hook is answered (retried while the server notices the closes).
        using var client = LoopbackServer.SocketClient(baseAddress);
        HttpResponseMessage? ok = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ok is null && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try { ok = await client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-after", "after", "PUBLISHING")); }
            catch (HttpRequestException) { await Task.Delay(50); }
        }
        Assert.Equal(HttpStatusCode.OK, ok?.StatusCode);
    }
}
