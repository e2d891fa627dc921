using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.WcsApi;

/// <summary>
/// The portal's open streams against a WCS node's own list (a stand-in speaking /rest-api/stream/find_all on 127.0.0.1):
/// streams one side thinks live and the other not are flagged, both ways; a slow or oversized answer fails that node
/// within the limits instead of hanging the portal.
/// </summary>
public sealed class WcsCompareTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private WcsNodeStandIn _node = null!;

    public async Task InitializeAsync()
    {
        _node = await WcsNodeStandIn.StartAsync();
        _factory.Settings["StreamPortal:Wcs:Nodes:0"] = _node.BaseAddress.AbsoluteUri;
        _factory.Settings["StreamPortal:Wcs:CompareTimeoutSeconds"] = "1";
        _factory.Settings["StreamPortal:Wcs:MaxAnswerBytes"] = "65536";
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _node.DisposeAsync();
    }

    private async Task<JsonObject> CompareAsync()
    {
        var response = await _factory.CreateApiClient().PostAsync("/api/wcs/compare", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Streams_live_on_one_side_only_are_flagged_both_ways()
    {
        var hooks = _factory.CreateClient();
        // Live on both sides, live only here (its end was lost), ended here but still live on WCS, and never seen here.
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("both", "s1", "both-live", "PUBLISHING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("portal-only", "s1", "lost-end", "PUBLISHING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("ended-here", "s1", "ended", "PUBLISHING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook("ended-here", "s1", "ended", "UNPUBLISHED"));
        _node.Streams.Add(("both", "both-live", "PUBLISHING", true));
        _node.Streams.Add(("ended-here", "ended", "PUBLISHING", true));
        _node.Streams.Add(("never-seen", "stranger", "PLAYING", false));
        _node.Streams.Add(("wcs-failed", "gone", "FAILED", true));

        var result = await CompareAsync();
        Assert.True(result["portalOnlyChecked"]!.GetValue<bool>());
        Assert.Equal(2, result["portalLive"]!.GetValue<int>());
        Assert.Equal(3, result["wcsLive"]!.GetValue<int>());
        var node = Assert.Single(result["nodes"]!.AsArray())!;
        Assert.True(node["ok"]!.GetValue<bool>());
        Assert.Equal(4, node["streams"]!.GetValue<int>());

        var mismatches = result["mismatches"]!.AsArray().Select(m => m!.AsObject()).ToDictionary(m => m["mediaSessionId"]!.GetValue<string>());
        Assert.Equal(3, result["mismatchTotal"]!.GetValue<int>());
        Assert.Equal(["ended-here", "never-seen", "portal-only"], mismatches.Keys.Order());
        Assert.Equal("portalOnly", mismatches["portal-only"]["kind"]!.GetValue<string>());
        Assert.Equal("PUBLISHING", mismatches["portal-only"]["portalStatus"]!.GetValue<string>());
        Assert.Equal("wcsOnly", mismatches["ended-here"]["kind"]!.GetValue<string>());
        Assert.Equal("UNPUBLISHED", mismatches["ended-here"]["portalStatus"]!.GetValue<string>());
        Assert.Equal("PUBLISHING", mismatches["ended-here"]["wcsStatus"]!.GetValue<string>());
        Assert.Equal("wcsOnly", mismatches["never-seen"]["kind"]!.GetValue<string>());
        Assert.Null(mismatches["never-seen"]["portalStatus"]);

        // The latest comparison is kept for viewers (GET) and the Streams page.
        var latest = await _factory.CreateApiClient().GetObjectAsync("/api/wcs/compare");
        Assert.Equal(3, latest["mismatchTotal"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_node_that_answers_too_slowly_fails_within_the_timeout_and_portal_only_streams_are_not_judged()
    {
        await _factory.CreateClient().PostHookAsync("StreamStatusEvent", HookClient.StreamHook("slow-case", "s2", "slow", "PUBLISHING"));
        // Headers at once, then a body that trickles: the deadline covers the whole answer, not just its headers.
        _node.Answer = async http =>
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("[");
            await http.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await CompareAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The comparison took {clock.Elapsed}.");
        var node = Assert.Single(result["nodes"]!.AsArray())!;
        Assert.False(node["ok"]!.GetValue<bool>());
        Assert.Contains("did not answer within 1 s", node["error"]!.GetValue<string>());
        Assert.False(result["portalOnlyChecked"]!.GetValue<bool>());
        Assert.Empty(result["mismatches"]!.AsArray());
    }

    [Fact]
    public async Task An_oversized_or_malformed_answer_fails_the_node_with_the_reason()
    {
        _node.Answer = async http =>
        {
            http.Response.ContentType = "application/json";
            var chunk = new string(' ', 8192);
            await http.Response.WriteAsync("[");
            for (var i = 0; i < 64; i++) await http.Response.WriteAsync(chunk, http.RequestAborted);
            await http.Response.WriteAsync("]");
        };
        var error = Assert.Single((await CompareAsync())["nodes"]!.AsArray())!["error"]!.GetValue<string>();
        Assert.Contains("more than 65536 bytes", error);

        _node.Answer = http => http.Response.WriteAsync("{\"not\":\"an array\"}");
        error = Assert.Single((await CompareAsync())["nodes"]!.AsArray())!["error"]!.GetValue<string>();
        Assert.Contains("JSON array", error);
    }

    [Fact]
    public async Task Only_an_admin_runs_a_comparison()
    {
        var anonymous = await _factory.CreateClient().PostAsync("/api/wcs/compare", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, _node.Requests);
    }
}
