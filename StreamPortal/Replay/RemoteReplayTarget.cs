using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using StreamPortal.Data.Entities;
using StreamPortal.Hooks;
using StreamPortal.Ingest;
using StreamPortal.Wcs;

namespace StreamPortal.Replay;

/// <summary>
/// Replays to another backend: POST {base}/{method} as WCS would, then stores the replay here with the answer that
/// backend gave (status, body, time). Not projected into this portal's streams and sessions: the hook went elsewhere.
/// </summary>
public sealed class RemoteReplayTarget(IHttpClientFactory clients, IngestQueue queue, TimeProvider time)
{
    public const string ClientName = "replay";

    /// <summary>Told to the other backend, for its logs; it proves nothing and this portal never reads it.</summary>
    public const string ReplayOfHeader = "X-StreamPortal-Replay-Of";

    /// <summary>The most of another backend's answer read and stored.</summary>
    private const int MaxAnswerBytes = 1024 * 1024;

    public async Task<ReplaySend> SendAsync(HookEvent original, byte[] body, Uri baseUrl, CancellationToken ct)
    {
        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(original.Method));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation(ReplayOfHeader, original.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var start = Stopwatch.GetTimestamp();
        int status;
        string? answer;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ReplayLimits.RemoteTimeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            answer = await ReadBoundedAsync(response.Content, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new ReplaySend(null, null, $"{url} did not answer: {ex.Message}");
        }
        var latency = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        var sent = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Host"] = url.Authority,
            ["Content-Type"] = "application/json;charset=UTF-8",
            [ReplayOfHeader] = original.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var evt = StoredHooks.NewEvent(time.GetUtcNow().ToUnixTimeMilliseconds(), original.App, original.Method, body,
            System.Text.Json.JsonSerializer.Serialize(sent));
        evt.ReplayOf = original.Id;
        evt.RemoteAddress = url.GetLeftPart(UriPartial.Path);
        evt.AnswerStatus = status;
        evt.AnswerBody = answer;
        if (HookBodyParser.Parse(body).Fields is { } fields) HookHandler.Identify(evt, fields);
        try
        {
            var id = await queue.WriteAndCommitAsync(StoredHooks.Item(evt, body, null, null, latency), ct);
            return new ReplaySend(id, ReplayAnswers.FromText(status, answer, latency), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ReplaySend(null, ReplayAnswers.FromText(status, answer, latency), "The replay could not be stored: " + ex.Message);
        }
    }

    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxAnswerBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
