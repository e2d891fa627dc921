using Microsoft.Data.Sqlite;
using StreamPortal.Search;
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
        // The indexer makes its file once the server listens; until then every search scans (NotReady). What is tested
        // is a hook searched through the index before the indexer reaches it, so the file must be there first.
        Assert.True(await IndexReadyAsync(api), "the search index file was not made within 30 s");
        (string Term, long Id) last = ("", 0);
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
            last = (name[..20], item["id"]!.GetValue<long>());
        }
        // Key names and short terms are scanned, and say so. A key name is known once an event holding it is indexed
        // (until then the tail above the mark is scanned anyway): wait for the indexer to pass the last hook.
        Assert.True(await IndexedAsync(api, last.Term, last.Id), $"event {last.Id} not indexed within 30 s");
        var key = (await api.GetObjectAsync("/api/events?q=status"))["search"]!;
        Assert.Equal("scan", key["method"]!.GetValue<string>());
        Assert.Equal(SearchPlan.InKey, key["reason"]!.GetValue<string>());
        var shortTerm = (await api.GetObjectAsync("/api/events?q=ab"))["search"]!;
        Assert.Equal("scan", shortTerm["method"]!.GetValue<string>());
        Assert.Equal(SearchPlan.NotIndexable, shortTerm["reason"]!.GetValue<string>());
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
        Assert.True(await IndexedAsync(api, name, id), $"event {id} not indexed within 30 s");
        Assert.Single(await api.GetItemsAsync($"/api/events?q={name}"));
    }

    /// <summary>Whether a search for <paramref name="term"/> says the index covers event <paramref name="id"/> within 30 s.</summary>
    private static Task<bool> IndexedAsync(HttpClient api, string term, long id) => WithinAsync(async () =>
        (await api.GetObjectAsync($"/api/events?q={Uri.EscapeDataString(term)}"))["search"]!["indexedUpToId"]?.GetValue<long>() >= id);

    /// <summary>Whether a search is made through the index (the file is there) within 30 s.</summary>
    private static Task<bool> IndexReadyAsync(HttpClient api) => WithinAsync(async () =>
        (await api.GetObjectAsync("/api/events?q=nothing-holds-this"))["search"]!["method"]!.GetValue<string>() == "index");

    /// <summary>Waits (a condition, not a sleep; checked every 50 ms) until <paramref name="condition"/> holds; false after 30 s.</summary>
    private static async Task<bool> WithinAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    [Fact]
    public async Task The_index_is_a_file_beside_the_database_and_the_database_holds_none_of_it()
    {
        var hooks = Factory.CreateClient();
        var name = $"beside-{Guid.NewGuid():N}";
        (await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"m-{name}", $"s-{name}", name, "PUBLISHING"))).EnsureSuccessStatusCode();
        var path = SearchIndexFile.PathFor(Factory.ConnectionString)!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(path) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(File.Exists(path), path);
        // Migration SearchIndexOutOfMainFile dropped what EventSearchIndexer created there (tables and the delete trigger).
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'EventSearch%' OR name LIKE 'Events_Search%'";
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }
}
