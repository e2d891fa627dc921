using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StreamPortal.WcsApi;

/// <summary>One stream as a WCS node lists it.</summary>
public sealed record WcsStream(string MediaSessionId, string? Name, string? Status, bool? Published);

/// <summary>
/// Asks one WCS node for its streams: <c>POST {node}/rest-api/stream/find_all</c> with <c>{}</c> (WCS's REST API),
/// answered with a JSON array of stream objects. A node is treated as hostile: the whole exchange, answer included,
/// must end within the timeout, the answer is read up to a size limit, and at most <see cref="MaxStreams"/> streams
/// are taken.
/// </summary>
public sealed class WcsStreamList(IHttpClientFactory clients)
{
    public const string ClientName = "wcs-api";
    public const string FindAllPath = "rest-api/stream/find_all";
    public const int MaxStreams = 100_000;

    /// <exception cref="WcsNodeException">The node could not be asked or its answer is unusable (the message says why).</exception>
    public async Task<IReadOnlyList<WcsStream>> FindAllAsync(Uri node, TimeSpan timeout, int maxBytes, CancellationToken ct)
    {
        var url = new Uri(node.AbsoluteUri.TrimEnd('/') + "/" + FindAllPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        byte[] body;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode) throw new WcsNodeException($"{url} answered {(int)response.StatusCode}.");
            if (response.Content.Headers.ContentLength > maxBytes)
                throw new WcsNodeException($"{url} announced {response.Content.Headers.ContentLength} bytes; the limit is {maxBytes} ({WcsOptions.Section}:{nameof(WcsOptions.MaxAnswerBytes)}).");
            body = await ReadBoundedAsync(response.Content, maxBytes, url, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new WcsNodeException($"{url} did not answer within {timeout.TotalSeconds:0.#} s ({WcsOptions.Section}:{nameof(WcsOptions.CompareTimeoutSeconds)}).");
        }
        catch (HttpRequestException ex)
        {
            throw new WcsNodeException($"{url} could not be reached: {ex.Message}");
        }
        return Parse(body, url);
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, int maxBytes, Uri url, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes)
                throw new WcsNodeException($"{url} sent more than {maxBytes} bytes ({WcsOptions.Section}:{nameof(WcsOptions.MaxAnswerBytes)}); the answer was cut off.");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    internal static IReadOnlyList<WcsStream> Parse(byte[] body, Uri url)
    {
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new WcsNodeException($"{url} did not answer a JSON array of streams.");
            var streams = new List<WcsStream>();
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (streams.Count >= MaxStreams) throw new WcsNodeException($"{url} listed more than {MaxStreams} streams.");
                if (item.ValueKind != JsonValueKind.Object || Text(item, "mediaSessionId") is not { Length: > 0 } id) continue;
                streams.Add(new WcsStream(id, Text(item, "name"), Text(item, "status"),
                    item.TryGetProperty("published", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean() : null));
            }
            return streams;
        }
        catch (JsonException ex)
        {
            throw new WcsNodeException($"{url} did not answer JSON: {ex.Message}");
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>A WCS node could not be asked, or answered something unusable.</summary>
public sealed class WcsNodeException(string message) : Exception(message);
