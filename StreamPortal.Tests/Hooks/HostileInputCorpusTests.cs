using System.Text;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>
/// Several hundred generated hostile hooks interleaved with valid ones against the real app on a real socket: no
/// 5xx, every bad hook that reached the handler stored as rejected, every valid one stored, the server up throughout.
/// </summary>
public sealed class HostileInputCorpusTests : PortalTest
{
    private const int MaxBody = 8192;

    /// <summary>One generated request: what to send, and whether the handler must store it as rejected.</summary>
    private sealed record Case(string Label, string App, string Method, byte[] Body, string? ContentType, bool Rejected,
        Action<HttpRequestMessage>? Configure = null);

    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Hooks:MaxBodyBytes"] = MaxBody.ToString();
        Factory.Settings["StreamPortal:Hooks:Callers:guarded:Username"] = "wcs";
        Factory.Settings["StreamPortal:Hooks:Callers:guarded:Password"] = "s3cret";
        Factory.Settings["StreamPortal:Hooks:Callers:signed:SignatureKey"] = "key";
        Factory.Settings["StreamPortal:Server:MinRequestBodyGraceSeconds"] = "2";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Hostile_hooks_are_refused_and_stored_and_valid_ones_between_them_answered()
    {
        var baseAddress = Factory.StartOnLoopback();
        using var client = LoopbackServer.SocketClient(baseAddress);
        var cases = Generate().ToList();
        Assert.True(cases.Count >= 300, $"{cases.Count} cases");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var expectedRejected = 0;
        var valid = 0;

        foreach (var c in cases)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/rest/{c.App}/{c.Method}") { Content = new ByteArrayContent(c.Body) };
            if (c.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            c.Configure?.Invoke(request);
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{c.Label}: {status} {await response.Content.ReadAsStringAsync()}");
            if (c.Rejected)
            {
                Assert.True(status >= 400, $"{c.Label}: answered {status}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                expectedRejected++;
            }
            else
            {
                Assert.True(status == 200, $"{c.Label}: {status} {await response.Content.ReadAsStringAsync()}");
                valid++;
            }

            // A valid hook after every hostile one: the server keeps serving.
            var name = $"valid-{valid}";
            var ok = await client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(Guid.NewGuid().ToString(), "s-corpus", name, "PUBLISHING"));
            Assert.True(ok.IsSuccessStatusCode, $"valid hook after {c.Label}: {(int)ok.StatusCode}");
            valid++;
        }

        expectedRejected += await SendBrokenFramingAsync(baseAddress);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"The corpus took {clock.Elapsed.TotalSeconds:0} s.");

        using var api = LoopbackServer.SocketClient(baseAddress, withApiKey: true);
        async Task<int> Total(bool rejected) =>
            (await api.GetObjectAsync($"/api/events?rejected={(rejected ? "true" : "false")}&pageSize=1"))["total"]!.GetValue<int>();
        // A connection the server closed without an answer (broken framing) can be back before its handler has
        // committed the rejected event: wait for the count to arrive, then require it exact.
        var clock2 = System.Diagnostics.Stopwatch.StartNew();
        var rejectedTotal = await Total(true);
        while (rejectedTotal < expectedRejected && clock2.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
            rejectedTotal = await Total(true);
        }
        Assert.Equal(expectedRejected, rejectedTotal);
        Assert.Equal(valid, await Total(false));
    }

    /// <summary>Broken framing on raw sockets (half closed, so each ends at once): stored as rejected, never 5xx.</summary>
    private static async Task<int> SendBrokenFramingAsync(Uri baseAddress)
    {
        string[] tails =
        [
            "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n",
            "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n",
            "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"a\"\r\n0\r\n",
            "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\n",
            "Transfer-Encoding: chunked\r\n\r\n4;ext=\u0001\r\n{}{}\r\n",
            "Content-Length: 100\r\n\r\n{\"sessionId\":\"cut\"",
            "Content-Length: 50\r\n\r\n",
            "Content-Length: 9000\r\n\r\n{\"a\":1",
            "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX\r\n",
            "Transfer-Encoding: chunked\r\n\r\n-1\r\n",
        ];
        var stored = 0;
        for (var i = 0; i < tails.Length; i++)
        {
            using var raw = await RawConnection.OpenAsync(baseAddress);
            await raw.SendAsync(Encoding.Latin1.GetBytes($"POST /rest/my_api/framing{i} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{tails[i]}"));
            raw.EndSending();
            var response = await raw.ReadResponseAsync(TimeSpan.FromSeconds(10));
            Assert.True(response is null || response.Status is >= 400 and < 500, $"framing {i}: {response?.Status}");
            stored++;
        }
        return stored;
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static IEnumerable<Case> Generate()
    {
        var random = new Random(20261130);
        const string json = "application/json;charset=UTF-8";

        string[] malformed =
        [
            "", " ", "{", "}", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "[1,2", "null", "true", "42", "\"str\"", "[]",
            "{}{}", "{} x", "{\"a\":1}/*c*/", "// c\n{}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
            "{\"a\":-}", "{\"a\":\"\\x41\"}", "{\"a\":\"\t\"}", "{\"a\":\"line\nbreak\"}", "{\"a\":NaN}", "{\"a\":Infinity}",
            "\u00ef\u00bb\u00bf", "{\"a\":[1,2,]}", "{\"a\":{\"b\":}}", "{,}", "{\"a\"}", "{\"a\":1 \"b\":2}", "\0", "{\"\0\":1}",
        ];
        foreach (var (m, i) in malformed.Select((m, i) => (m, i)))
            yield return new($"malformed {i}", "my_api", "StreamStatusEvent", Utf8(m), json, true);

        string[] knownStrings = ["nodeId", "appKey", "sessionId", "mediaSessionId", "name", "status", "info", "mediaProvider", "origin", "clientVersion"];
        string[] knownBools = ["published", "hasAudio", "hasVideo", "record"];
        string[] knownInts = ["width", "height", "bitrate"];
        string[] notStrings = ["42", "true", "{}", "[]", "1.5"];
        string[] notBools = ["\"yes\"", "1", "0", "{}", "[true]"];
        string[] notInts = ["\"wide\"", "1.5", "true", "99999999999999999999999", "1e400", "[1]"];
        foreach (var f in knownStrings) foreach (var v in notStrings) yield return new($"wrong type {f}={v}", "my_api", "StreamStatusEvent", Utf8($"{{\"{f}\":{v}}}"), json, true);
        foreach (var f in knownBools) foreach (var v in notBools) yield return new($"wrong type {f}={v}", "my_api", "StreamStatusEvent", Utf8($"{{\"{f}\":{v}}}"), json, true);
        foreach (var f in knownInts) foreach (var v in notInts) yield return new($"wrong type {f}={v}", "my_api", "StreamStatusEvent", Utf8($"{{\"{f}\":{v}}}"), json, true);
        yield return new("mediaProviders not an array", "my_api", "connect", Utf8("{\"mediaProviders\":\"WebRTC\"}"), json, true);

        byte[][] badBytes = [[0xFF], [0xFE], [0xC0, 0xAF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xF0, 0x9F, 0x98]];
        string[] places = ["name", "info", "extra", "custom\":{\"login", "sdp"];
        foreach (var b in badBytes)
            foreach (var p in places)
                yield return new($"invalid UTF-8 {Convert.ToHexString(b)} in {p}", "my_api", "StreamStatusEvent",
                    [.. Utf8($"{{\"{p}\":\"a"), .. b, .. Utf8(p.StartsWith("custom", StringComparison.Ordinal) ? "b\"}}" : "b\"}")], json, true);

        string[] surrogates = ["\\ud800", "\\udbff", "\\udc00", "\\udfff", "a\\ud800b", "\\ud800\\ud800", "\\udc00\\ud800"];
        foreach (var s in surrogates)
            foreach (var p in new[] { "name", "status", "unknownField" })
                yield return new($"lone surrogate {s} in {p}", "my_api", "StreamStatusEvent", Utf8($"{{\"{p}\":\"{s}\"}}"), json, true);
        yield return new("lone surrogate in a property name", "my_api", "StreamStatusEvent", Utf8("{\"\\ud800\":1}"), json, true);

        foreach (var depth in new[] { 65, 100, 1000, 5000 })
            yield return new($"nesting {depth}", "my_api", "StreamStatusEvent", Utf8("{\"a\":" + new string('[', depth) + new string(']', depth) + "}"), json, true);
        foreach (var depth in new[] { 2, 10, 60 })
            yield return new($"nesting {depth} (valid)", "my_api", "StreamStatusEvent", Utf8("{\"a\":" + new string('[', depth) + new string(']', depth) + "}"), json, false);
        foreach (var n in new[] { "1e400", "-1e400", "123456789012345678901234567890", "0.000000000000000000000000000001", "-0", "1E+308" })
            yield return new($"huge number {n} in an unknown field (valid)", "my_api", "StreamStatusEvent", Utf8($"{{\"extra\":{n}}}"), json, false);

        string?[] contentTypes = [null, "", "text/plain", "application/xml", "application/json; charset=ISO-8859-1", "application/json; charset=utf-16",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonx", "json", "*/*", "application/json; charset=\"latin1\""];
        foreach (var ct in contentTypes)
            yield return new($"content type '{ct}'", "my_api", "StreamStatusEvent", Utf8("{\"sessionId\":\"ct\"}"), ct, true);
        foreach (var ct in new[] { "application/json", "APPLICATION/JSON", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"" })
            yield return new($"content type '{ct}' (valid)", "my_api", "StreamStatusEvent", Utf8("{\"sessionId\":\"ct\"}"), ct, false);

        foreach (var size in new[] { MaxBody + 1, MaxBody * 2, MaxBody * 16 })
            yield return new($"oversize {size}", "my_api", "StreamStatusEvent", Utf8("{\"sdp\":\"" + new string('x', size) + "\"}"), json, true);

        Action<HttpRequestMessage> basic(string v) => r => r.Headers.TryAddWithoutValidation("Authorization", v);
        string[] badAuth = ["", "Basic", "Basic !!!", "Basic " + Convert.ToBase64String(Utf8("wcs")), "Basic " + Convert.ToBase64String(Utf8("wcs:wrong")),
            "Bearer x", "basic " + Convert.ToBase64String(Utf8("WCS:s3cret")), "WCS 00", "Basic " + Convert.ToBase64String(Utf8("wcs:s3cret:extra"))];
        foreach (var (a, i) in badAuth.Select((a, i) => (a, i)))
            foreach (var app in new[] { "guarded", "GUARDED", "signed", "Signed" })
                yield return new($"bad auth {i} on {app}", app, "connect", Utf8("{\"sessionId\":\"auth\"}"), json, true, a.Length == 0 ? null : basic(a));
        yield return new("good auth (valid)", "Guarded", "connect", Utf8("{\"sessionId\":\"auth\"}"), json, false, basic("Basic " + Convert.ToBase64String(Utf8("wcs:s3cret"))));

        string[] methods = ["fooBar", "CONNECT", "connect.json", "a%20b", "ünïcode", "x;y", new string('m', 200)];
        foreach (var m in methods)
            yield return new($"unknown method {m} (valid)", "my_api", Uri.EscapeDataString(Uri.UnescapeDataString(m)), Utf8("{\"sessionId\":\"m\"}"), json, false);
        string[] apps = ["my%20api", "app.with.dots", "ÄPP", new string('a', 300), "a%2fb", "x%3By"];
        foreach (var a in apps)
            yield return new($"path trick app {a} (valid)", a, "StreamStatusEvent", Utf8("{\"sessionId\":\"p\"}"), json, false);

        // Random byte soup and random truncations of a real hook.
        var real = Utf8("""{"nodeId":"node1@127.0.0.1","appKey":"defaultApp","sessionId":"s1","mediaSessionId":"m1","name":"n","published":true,"status":"PUBLISHING","width":640}""");
        for (var i = 0; i < 20; i++)
        {
            var cut = random.Next(1, real.Length - 1);
            yield return new($"truncated real hook at {cut}", "my_api", "StreamStatusEvent", real[..cut], json, true);
        }
        for (var i = 0; i < 15; i++)
        {
            var soup = new byte[random.Next(1, 64)];
            random.NextBytes(soup);
            soup[0] = (byte)'x';
            yield return new($"byte soup {i}", "my_api", "StreamStatusEvent", soup, json, true);
        }
    }
}
