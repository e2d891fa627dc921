using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StreamPortal.Tests.Shared;

/// <summary>Posts hooks the way WCS does (content type, user agent).</summary>
public static class HookClient
{
    public static Task<HttpResponseMessage> PostHookAsync(this HttpClient client, string method, JsonObject body, string app = "my_api") =>
        client.PostRawHookAsync(method, body.ToJsonString(), app);

    public static Task<HttpResponseMessage> PostRawHookAsync(this HttpClient client, string method, string body,
        string app = "my_api", string contentType = "application/json;charset=UTF-8", Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/rest/{app}/{method}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Java", "1.8.0_111"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        configure?.Invoke(request);
        return client.SendAsync(request);
    }

    /// <summary>A StreamStatusEvent-like body with fresh ids, for tests that need their own stream.</summary>
    public static JsonObject StreamHook(string mediaSessionId, string sessionId, string name, string status, bool published = true) => new()
    {
        ["nodeId"] = "node1@127.0.0.1",
        ["appKey"] = "defaultApp",
        ["sessionId"] = sessionId,
        ["mediaSessionId"] = mediaSessionId,
        ["name"] = name,
        ["published"] = published,
        ["hasVideo"] = true,
        ["hasAudio"] = true,
        ["status"] = status,
        ["mediaProvider"] = "WebRTC",
    };

    public static JsonObject ConnectionHook(string sessionId, string? status = null, string? login = null)
    {
        var body = new JsonObject
        {
            ["nodeId"] = "node1@127.0.0.1",
            ["appKey"] = "defaultApp",
            ["sessionId"] = sessionId,
            ["origin"] = "https://test.example",
            ["custom"] = new JsonObject { ["login"] = login ?? "tester" },
        };
        if (status is not null) body["status"] = status;
        return body;
    }
}
