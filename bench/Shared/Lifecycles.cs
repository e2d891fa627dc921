using System.Text.Json.Nodes;
using StreamPortal.Wcs;

namespace Bench.Shared;

/// <summary>One generated hook: the method (last URL segment) and its JSON body.</summary>
public sealed record GeneratedHook(string Method, string Body);

/// <summary>
/// Makes realistic WCS traffic from the lifecycle fixtures (publisher A and player B, in order): each lifecycle gets
/// its own session ids, media session ids, stream name, app key and logins, so the portal's projections do real work.
/// Lifecycles are interleaved in groups (round-robin), as concurrent clients of one WCS node would be.
/// </summary>
public sealed class Lifecycles
{
    private const string SessionA = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    private const string SessionB = "b2a7e9c4-1d3f-4e8a-9b6c-5d4e3f2a1b0c";
    private const string MediaA = "9e8d7c6b-5a49-4f3e-8d2c-1b0a9f8e7d6c";
    private const string MediaB = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    private const string StreamName = "lecture-101";
    private const string AppKey = "defaultApp";

    public static readonly string[] AppKeys = ["defaultApp", "classroom", "webinar", "lobby"];

    private readonly Dictionary<int, (string Method, string Body)> _fixtures;
    private readonly (string Method, string Body) _keepAliveB;

    private Lifecycles(Dictionary<int, (string, string)> fixtures, (string, string) keepAliveB)
    {
        _fixtures = fixtures;
        _keepAliveB = keepAliveB;
    }

    /// <summary>Reads the 15 fixture files (NN-method....json) of a folder; bodies become compact JSON, key order kept.</summary>
    public static Lifecycles Load(string folder)
    {
        var fixtures = new Dictionary<int, (string, string)>();
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var name = Path.GetFileName(file);
            if (!int.TryParse(name.AsSpan(0, 2), out var n)) continue;
            var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            fixtures[n] = (node["method"]!.GetValue<string>(), node["body"]!.ToJsonString());
        }
        for (var n = 1; n <= 15; n++)
            if (!fixtures.ContainsKey(n)) throw new InvalidOperationException($"Fixture {n:D2}-*.json missing in {folder}.");

        // The player's keep-alive is the publisher's one seen from B.
        var b = JsonNode.Parse(fixtures[9].Item2)!.AsObject();
        b["sessionId"] = SessionB;
        b["mediaSessionId"] = MediaB;
        b["published"] = false;
        b["status"] = StreamStatus.Playing;
        b["mediaType"] = "play";
        b["custom"] = new JsonObject { ["login"] = "victor" };
        return new Lifecycles(fixtures, (WcsMethod.StreamKeepAliveEvent, b.ToJsonString()));
    }

    /// <summary>The hooks of one lifecycle, in order. Every 10th player drops without stopStream (its stream ends with the session).</summary>
    public List<GeneratedHook> One(int lifecycle, int keepAlivePairs)
    {
        var ids = new[]
        {
            Id(lifecycle, 0), Id(lifecycle, 1), Id(lifecycle, 2), Id(lifecycle, 3),
        };
        var name = $"stream-{lifecycle:D6}";
        var app = AppKeys[lifecycle % AppKeys.Length];
        var publisher = $"user-{lifecycle % 1000:D4}";
        var viewer = $"viewer-{lifecycle % 3000:D4}";
        string Fill(string body) => body
            .Replace(SessionA, ids[0]).Replace(SessionB, ids[1]).Replace(MediaA, ids[2]).Replace(MediaB, ids[3])
            .Replace(StreamName, name).Replace(AppKey, app)
            .Replace("\"alice\"", $"\"{publisher}\"").Replace("\"victor\"", $"\"{viewer}\"");
        var hooks = new List<GeneratedHook>(18 + keepAlivePairs * 2);
        void Add(int n) => hooks.Add(new GeneratedHook(_fixtures[n].Method, Fill(_fixtures[n].Body)));
        for (var n = 1; n <= 8; n++) Add(n);
        for (var k = 0; k < keepAlivePairs; k++)
        {
            Add(9);
            hooks.Add(new GeneratedHook(_keepAliveB.Method, Fill(_keepAliveB.Body)));
        }
        var drops = lifecycle % 10 == 9;
        if (!drops) { Add(10); Add(11); }
        for (var n = 12; n <= 15; n++) Add(n);
        return hooks;
    }

    /// <summary>Lifecycles [first, first+count) interleaved round-robin in groups of <paramref name="group"/>.</summary>
    public IEnumerable<GeneratedHook> Sequence(int first, int count, int keepAlivePairs, int group = 256)
    {
        for (var g = first; g < first + count; g += group)
        {
            var members = Enumerable.Range(g, Math.Min(group, first + count - g)).Select(i => One(i, keepAlivePairs)).ToList();
            var longest = members.Max(m => m.Count);
            for (var r = 0; r < longest; r++)
                foreach (var m in members)
                    if (r < m.Count) yield return m[r];
        }
    }

    private static string Id(int lifecycle, int role) =>
        $"{(uint)lifecycle:x8}-{role:x4}-4b1e-9a{role:x2}-{(ulong)lifecycle * 7919 + (ulong)role:x12}";
}
