using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace StreamPortal.Tests.Simulator;

/// <summary>
/// A backend in memory for the engine: records every hook (method and body, in arrival order) and answers with what
/// <see cref="Answer"/> says (default: 200 with the body mirrored, as the portal does).
/// </summary>
public sealed class FakeWcsBackend : HttpMessageHandler
{
    public sealed record Hook(string Method, JsonObject Body);

    public ConcurrentQueue<Hook> Hooks { get; } = new();

    /// <summary>Status and optional extra answer members for a hook; null: 200 mirror.</summary>
    public Func<string, JsonObject, (int Status, JsonObject? Merge)?> Answer { get; set; } = (_, _) => null;

    public HttpClient Client() => new(this) { Timeout = TimeSpan.FromSeconds(10) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var method = request.RequestUri!.Segments[^1];
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(ct))!.AsObject();
        Hooks.Enqueue(new Hook(method, body));
        var (status, merge) = Answer(method, body) ?? (200, null);
        var answer = body.DeepClone().AsObject();
        foreach (var (key, value) in merge ?? []) answer[key] = value?.DeepClone();
        return new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }

    public IReadOnlyList<Hook> Of(string method) => Hooks.Where(h => h.Method == method).ToList();

    /// <summary>StreamStatusEvent statuses of one stream name, in order.</summary>
    public IReadOnlyList<string> StatusesOf(string name, bool published) =>
        Hooks.Where(h => h.Method == "StreamStatusEvent" && (string?)h.Body["name"] == name && (bool?)h.Body["published"] == published)
            .Select(h => (string)h.Body["status"]!).ToList();

    /// <summary>A connect answer's restClientConfig setting restOnError FAIL for these methods.</summary>
    public static JsonObject FailFor(params string[] methods)
    {
        var config = new JsonObject();
        foreach (var m in methods)
            config[m] = new JsonObject { ["restOnError"] = "FAIL", ["restPolicy"] = "NOTIFY", ["restOverwrite"] = "", ["restExclude"] = "", ["clientExclude"] = "" };
        return new JsonObject { ["restClientConfig"] = config };
    }
}
