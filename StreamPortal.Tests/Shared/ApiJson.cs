using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamPortal.Tests.Shared;

public static class ApiJson
{
    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonArray> GetItemsAsync(this HttpClient client, string url) =>
        (await client.GetObjectAsync(url))["items"]!.AsArray();

    /// <summary>Structural equality of JSON values (numbers compared by value, key order ignored).</summary>
    public static bool JsonEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
