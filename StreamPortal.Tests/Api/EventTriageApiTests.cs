using System.Net;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Api;

/// <summary>The events list's triage filters over HTTP: answer classes, hiding keep-alives, and their problems.
/// Part of the store contract: runs on SQLite here and on PostgreSQL in PostgresEventTriageApiTests (PostgresStoreContract.cs).
/// </summary>
public class EventTriageApiTests : PortalTest
{
    private static IEnumerable<string> Methods(JsonObject page) => page["items"]!.AsArray().Select(i => i!["method"]!.GetValue<string>());

    [StoreFact]
    public async Task Answer_classes_and_keep_alive_hiding_narrow_the_list()
    {
        var hooks = Factory.CreateClient();
        (await hooks.PostHookAsync("publishStream", HookClient.StreamHook("tri-1", "s-tri", "tri", "PENDING"))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync("StreamKeepAliveEvent", HookClient.StreamHook("tri-1", "s-tri", "tri", "PUBLISHING"))).EnsureSuccessStatusCode();
        var broken = await hooks.PostRawHookAsync("StreamStatusEvent", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var api = Factory.CreateApiClient();
        Assert.Equal(["StreamStatusEvent"], Methods(await api.GetObjectAsync("/api/events?answer=rejected")));
        Assert.Equal(["StreamStatusEvent"], Methods(await api.GetObjectAsync("/api/events?answer=non200")));
        Assert.Equal(["StreamStatusEvent"], Methods(await api.GetObjectAsync("/api/events?answer=4xx")));
        Assert.Empty(Methods(await api.GetObjectAsync("/api/events?answer=5xx")));
        Assert.Equal(["StreamStatusEvent"], Methods(await api.GetObjectAsync("/api/events?answerStatus=400")));
        Assert.Equal(3, (await api.GetObjectAsync("/api/events"))["total"]!.GetValue<int>());
        Assert.Equal(["StreamStatusEvent", "publishStream"], Methods(await api.GetObjectAsync("/api/events?keepAlives=hide")));
        Assert.Equal(3, (await api.GetObjectAsync("/api/events?keepAlives=show"))["total"]!.GetValue<int>());
    }

    [StoreTheory]
    [InlineData("/api/events?answer=4xxx", "answer")]
    [InlineData("/api/events?answer=403", "answer")]
    [InlineData("/api/events?keepAlives=maybe", "keepAlives")]
    public async Task Bad_triage_values_get_a_problem_naming_the_key(string url, string field)
    {
        var response = await Factory.CreateApiClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var message = problem["errors"]![field]![0]!.GetValue<string>();
        Assert.Contains(field == "answer" ? "non200, 4xx, 5xx, rejected" : "hide or show", message);
    }
}
