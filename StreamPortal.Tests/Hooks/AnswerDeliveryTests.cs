using System.Text;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>Every answer is what was recorded: a hook whose caller left before its answer is recorded as not delivered.</summary>
public sealed class AnswerDeliveryTests : PortalTest
{
    private const string Body = """{"sessionId":"s-delivery","name":"delivery","status":"PUBLISHING"}""";

    [Fact]
    public async Task A_client_gone_during_a_rule_delay_is_recorded_as_not_delivered_and_an_answered_one_as_delivered()
    {
        var baseAddress = Factory.StartOnLoopback();
        await LoopbackServer.AddRuleAsync(baseAddress,
            """{ "name": "slow", "match": { "methods": ["slowHook"] }, "answer": { "status": 403, "delayMs": 3000 } }""");
        byte[] Request(string method) => [.. RawConnection.Head($"/rest/my_api/{method}", $"Content-Length: {Encoding.UTF8.GetByteCount(Body)}\r\nConnection: close\r\n"), .. Encoding.UTF8.GetBytes(Body)];

        using (var leaving = await RawConnection.OpenAsync(baseAddress))
        {
            await leaving.SendAsync(Request("slowHook"));
            await LoopbackServer.WaitForAsync(() => Factory.CountEvents("slowHook") == 1, TimeSpan.FromSeconds(10), "the delayed hook stored");
        }
        using (var staying = await RawConnection.OpenAsync(baseAddress))
        {
            await staying.SendAsync(Request("answeredHook"));
            Assert.Equal(200, (await staying.ReadResponseAsync(TimeSpan.FromSeconds(10)))?.Status);
        }

        // The delay ends early when the connection closes; the writer then marks the stored event.
        await LoopbackServer.WaitForAsync(() => Factory.CountEvents("slowHook", "AnswerDelivered = 0") == 1, TimeSpan.FromSeconds(10), "the event marked");
        using var api = LoopbackServer.SocketClient(baseAddress, withApiKey: true);
        var gone = (await api.GetItemsAsync("/api/events?method=slowHook")).Single()!;
        Assert.False(gone["answerDelivered"]!.GetValue<bool>());
        Assert.Equal(403, gone["answerStatus"]!.GetValue<int>());
        var detail = await api.GetObjectAsync($"/api/events/{gone["id"]!.GetValue<long>()}");
        Assert.False(detail["answerDelivered"]!.GetValue<bool>());
        var answered = (await api.GetItemsAsync("/api/events?method=answeredHook")).Single()!;
        Assert.True(answered["answerDelivered"]!.GetValue<bool>());
        // The follow-up is no event of its own.
        Assert.Equal(2, (await api.GetObjectAsync("/api/events"))["total"]!.GetValue<int>());
    }
}
