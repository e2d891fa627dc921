using System.Text;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>
/// Bodies that break off on a real socket (bad chunked framing, cut short, trickled below the minimum rate): never a
/// 500, and what arrived is stored as a rejected event with the reason. Bounded: each case ends within seconds.
/// </summary>
public sealed class BrokenBodyTests : PortalTest
{
    private const string Body = """{"nodeId":"node1","appKey":"defaultApp","sessionId":"s-broken","name":"broken","status":"PUBLISHING"}""";
    private Uri _base = default!;

    public override Task InitializeAsync()
    {
        // A lower rate and the shortest grace Kestrel accepts keep the slow cases short.
        Factory.Settings["StreamPortal:Server:MinRequestBodyBytesPerSecond"] = "100";
        Factory.Settings["StreamPortal:Server:MinRequestBodyGraceSeconds"] = "2";
        _base = Factory.StartOnLoopback();
        return Task.CompletedTask;
    }

    /// <summary>What the case sends after the request head, and whether it then half-closes.</summary>
    public static TheoryData<string> Cases => new()
    {
        "bad chunk size",
        "chunk size overflow",
        "missing final chunk, half closed",
        "missing final chunk, left open",
        "truncated body, half closed",
        "truncated body, left open",
        "trickle at 10 bytes/s",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_stored_as_rejected_with_what_arrived_and_never_answered_5xx(string label)
    {
        var method = "broken-" + label.Replace(' ', '-').Replace(",", "").Replace("/", "");
        var path = $"/rest/my_api/{method}";
        var half = Body[..40];
        using var raw = await RawConnection.OpenAsync(_base);
        string arrived;
        switch (label)
        {
            case "bad chunk size":
                await raw.SendAsync(RawConnection.Head(path, "Transfer-Encoding: chunked\r\n"));
                await raw.SendAsync($"{Body.Length:X}\r\n{Body}\r\nZZ\r\nmore\r\n0\r\n\r\n");
                arrived = Body;
                break;
            case "chunk size overflow":
                await raw.SendAsync(RawConnection.Head(path, "Transfer-Encoding: chunked\r\n"));
                await raw.SendAsync($"{half.Length:X}\r\n{half}\r\nFFFFFFFFFFFFFFFFFFFF\r\nx\r\n");
                arrived = half;
                break;
            case "missing final chunk, half closed":
            case "missing final chunk, left open":
                await raw.SendAsync(RawConnection.Head(path, "Transfer-Encoding: chunked\r\n"));
                await raw.SendAsync($"{half.Length:X}\r\n{half}\r\n");
                if (label.EndsWith("closed", StringComparison.Ordinal)) raw.EndSending();
                arrived = half;
                break;
            case "truncated body, half closed":
            case "truncated body, left open":
                await raw.SendAsync(RawConnection.Head(path, $"Content-Length: {Body.Length}\r\n"));
                await raw.SendAsync(half);
                if (label.EndsWith("closed", StringComparison.Ordinal)) raw.EndSending();
                arrived = half;
                break;
            default:
                await raw.SendAsync(RawConnection.Head(path, $"Content-Length: {Body.Length}\r\n"));
                // 10 bytes a second until the server cuts the body (after its 2 s grace) or 6 s have passed.
                var sent = 0;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    while (sent < Body.Length && clock.Elapsed < TimeSpan.FromSeconds(6) && factoryHasNoEvent(method))
                    {
                        await raw.SendAsync(Body.Substring(sent, Math.Min(10, Body.Length - sent)));
                        sent += Math.Min(10, Body.Length - sent);
                        await Task.Delay(1000);
                    }
                }
                catch (IOException) { }
                Assert.True(sent < Body.Length, "The trickle was never cut.");
                arrived = Body[..sent];
                break;
        }

        var response = await raw.ReadResponseAsync(TimeSpan.FromSeconds(15));
        if (response is not null)
        {
            Assert.InRange(response.Status, 400, 499);
            if (response.Complete) Assert.Contains("application/problem+json", response.Head, StringComparison.OrdinalIgnoreCase);
        }

        await LoopbackServer.WaitForAsync(() => Factory.CountEvents(method) > 0, TimeSpan.FromSeconds(15), $"the {label} event");
        using var api = LoopbackServer.SocketClient(_base, withApiKey: true);
        var item = (await api.GetItemsAsync($"/api/events?method={method}")).Single()!;
        Assert.True(item["rejected"]!.GetValue<bool>(), label);
        Assert.InRange(item["answerStatus"]!.GetValue<int>(), 400, 499);
        Assert.Contains("broke off", item["rejectReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await api.GetObjectAsync($"/api/events/{item["id"]!.GetValue<long>()}");
        var storedBody = stored["rawBody"]?.GetValue<string>() ?? "";
        // What Kestrel handed over before it refused the framing; bytes it parsed together with the break it drops.
        Assert.True(arrived.StartsWith(storedBody, StringComparison.Ordinal), $"{label}: stored '{storedBody}', sent '{arrived}'");
        if (label.Contains("left open", StringComparison.Ordinal) || label.StartsWith("trickle", StringComparison.Ordinal))
            Assert.NotEqual("", storedBody);

        // The server goes on answering real hooks.
        var ok = await api.PostHookAsync("StreamStatusEvent", JsonNode.Parse(Body)!.AsObject());
        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);

        bool factoryHasNoEvent(string m) => Factory.CountEvents(m) == 0;
    }

    [Fact]
    public async Task A_body_that_is_complete_but_slow_within_the_grace_is_answered()
    {
        using var raw = await RawConnection.OpenAsync(_base);
        await raw.SendAsync(RawConnection.Head("/rest/my_api/StreamStatusEvent", $"Content-Length: {Body.Length}\r\nConnection: close\r\n"));
        await raw.SendAsync(Body[..20]);
        await Task.Delay(300);
        await raw.SendAsync(Encoding.UTF8.GetBytes(Body[20..]));

        var response = await raw.ReadResponseAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, response?.Status);
    }
}
