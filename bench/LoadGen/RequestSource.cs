using System.Text;
using Bench.Shared;

namespace Bench.LoadGen;

/// <summary>
/// All requests encoded up front (request line, WCS's headers, body), so the generator spends nothing per request
/// on building them. Request n is requests[n % count]; in workload 3 every 100th request carries the tag that the
/// one matching rule looks for.
/// </summary>
internal sealed class RequestSource
{
    public const string RuleTagField = "benchTag";
    public const string RuleTagValue = "hit-1-in-100";

    private readonly byte[][] _requests;
    private readonly List<(string Method, string Body)> _plain = [];

    private readonly bool _tagged;

    private RequestSource(byte[][] requests, long bodyBytes, bool tagged)
    {
        _requests = requests;
        _tagged = tagged;
        AverageBodyBytes = requests.Length == 0 ? 0 : (double)bodyBytes / requests.Length;
    }

    public int Count => _requests.Length;
    public double AverageBodyBytes { get; }

    public byte[] Get(long n) => _requests[n % _requests.Length];

    /// <summary>Whether request n (as passed to <see cref="Get"/>) carries the workload-3 rule tag.</summary>
    public bool IsTagged(long n) => _tagged && IsTaggedIndex(n % _requests.Length);

    private static bool IsTaggedIndex(long index) => index % 100 == 99;

    public static RequestSource Build(Options o)
    {
        if (o.Workload == "w1")
        {
            var body = File.ReadAllText(o.BodyFile!).Trim();
            var one = Encode(o, o.Method, body);
            return new RequestSource([one], Encoding.UTF8.GetByteCount(body), tagged: false);
        }
        var lifecycles = Lifecycles.Load(o.Fixtures);
        var list = new List<byte[]>(o.Requests);
        var plain = new List<(string, string)>(o.Dump is null ? 0 : o.Requests);
        long bytes = 0;
        var shortestLifecycle = 12 + 2 * o.KeepAlivePairs;
        var count = o.Requests / shortestLifecycle + 1;
        foreach (var hook in lifecycles.Sequence(o.FirstLifecycle, count, o.KeepAlivePairs))
        {
            if (list.Count == o.Requests) break;
            var body = o.Workload == "w3" && IsTaggedIndex(list.Count)
                ? $"{{\"{RuleTagField}\":\"{RuleTagValue}\",{hook.Body[1..]}"
                : hook.Body;
            bytes += Encoding.UTF8.GetByteCount(body);
            list.Add(Encode(o, hook.Method, body));
            if (o.Dump is not null) plain.Add((hook.Method, body));
        }
        var source = new RequestSource([.. list], bytes, tagged: o.Workload == "w3");
        source._plain.AddRange(plain);
        return source;
    }

    /// <summary>One request a line: method, TAB, compact JSON body (JSON text never holds a raw newline or tab).</summary>
    public void Dump(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var (method, body) in _plain) writer.Write($"{method}\t{body}\n");
    }

    private static byte[] Encode(Options o, string method, string body)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = $"POST {o.PathPrefix}/{method} HTTP/1.1\r\nHost: {o.Host}\r\nContent-Type: application/json;charset=UTF-8\r\n" +
                   $"Accept: application/json\r\nUser-Agent: Java/1.8.0_111\r\nConnection: keep-alive\r\nContent-Length: {bodyBytes.Length}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. bodyBytes];
    }
}
