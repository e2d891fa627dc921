using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Search;

/// <summary>
/// A hook is found by q as soon as it is answered (before the background indexer reaches it), the answer says how the
/// search was made and how far the index is behind, and the indexer catches up on its own.
/// </summary>
public sealed class HookSearchTests : PortalTest
{
    [Fact]
    public async Task A_hook_is_searchable_as_soon_as_it_is_answered_and_the_answer_shows_the_coverage()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        for (var i = 0; i < 5; i++)
        {
            var name = $"fresh-{Guid.NewGuid():N}";
            var response = await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"m-{name}", $"s-{name}", name, "PUBLISHING"));
            response.EnsureSuccessStatusCode();
            var page = await api.GetObjectAsync($"/api/events?q={Uri.EscapeDataString(name[..20])}");
            var item = Assert.Single(page["items"]!.AsArray());
            Assert.Equal(name, item!["name"]!.GetValue<string>());
            Assert.Equal("index", page["search"]!["method"]!.GetValue<string>());
            Assert.True(page["search"]!["lagMs"]!.GetValue<long>() >= 0);
        }
        // Key names and short terms are scanned, and say so.
        Assert.Equal("scan", (await api.GetObjectAsync("/api/events?q=status"))["search"]!["method"]!.GetValue<string>());
        Assert.Equal("scan", (await api.GetObjectAsync("/api/events?q=ab"))["search"]!["method"]!.GetValue<string>());
        // Without q, no search block.
        Assert.Null((await api.GetObjectAsync("/api/events"))["search"]);
    }

    [Fact]
    public async Task The_indexer_catches_up_in_the_background()
    {
        var hooks = Factory.CreateClient();
        var api = Factory.CreateApiClient();
        var name = $"later-{Guid.NewGuid():N}";
        (await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"m-{name}", $"s-{name}", name, "PUBLISHING"))).EnsureSuccessStatusCode();
        var id = (await api.GetItemsAsync($"/api/events?q={name}"))[0]!["id"]!.GetValue<long>();
        // The default interval is 250 ms: wait for the mark to pass the event (a condition, not a sleep).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long indexed;
        do
        {
            indexed = (await api.GetObjectAsync($"/api/events?q={name}"))["search"]!["indexedUpToId"]!.GetValue<long>();
            if (indexed >= id) break;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.True(indexed >= id, $"indexed up to {indexed}, event {id}");
        Assert.Single(await api.GetItemsAsync($"/api/events?q={name}"));
    }
}
