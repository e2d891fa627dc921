using System.Globalization;
using System.Net;

namespace Bench.LoadGen;

/// <summary>Command line: --name value pairs; every figure is printed as "prefix_name: value".</summary>
internal sealed record Options
{
    public required IPEndPoint Endpoint { get; init; }
    public required string Host { get; init; }
    public string PathPrefix { get; init; } = "/rest/my_api";
    public string Workload { get; init; } = "w1";
    public string? BodyFile { get; init; }
    public string Method { get; init; } = "StreamStatusEvent";
    public string Fixtures { get; init; } = "fixtures";
    public int Requests { get; init; } = 200_000;
    public int FirstLifecycle { get; init; }
    public int KeepAlivePairs { get; init; } = 2;
    public int Connections { get; init; } = 32;
    public double Seconds { get; init; } = 15;
    public double Warmup { get; init; } = 2;
    public double Rate { get; init; }
    public string Prefix { get; init; } = "run";
    public double DrainSeconds { get; init; } = 30;
    /// <summary>Write the workload's requests (method TAB body per line) for wrk's Lua script, then exit.</summary>
    public string? Dump { get; init; }
    /// <summary>Open loop: write "due ms into the window, latency ms" per measured request (when the tail comes).</summary>
    public string? Timeline { get; init; }

    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            map[args[i][2..]] = args[++i];
        }
        var url = new Uri(map.GetValueOrDefault("url") ?? throw new ArgumentException("--url is required (http://127.0.0.1:PORT)."));
        if (!IPAddress.IsLoopback(IPAddress.Parse(url.Host)))
            throw new ArgumentException("Load is only ever sent to a loopback address.");
        string S(string name, string fallback) => map.GetValueOrDefault(name) ?? fallback;
        double D(string name, double fallback) => map.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        int I(string name, int fallback) => map.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var o = new Options
        {
            Endpoint = new IPEndPoint(IPAddress.Parse(url.Host), url.Port),
            Host = $"{url.Host}:{url.Port}",
            PathPrefix = S("path-prefix", "/rest/my_api"),
            Workload = S("workload", "w1"),
            BodyFile = map.GetValueOrDefault("body-file"),
            Method = S("method", "StreamStatusEvent"),
            Fixtures = S("fixtures", "fixtures"),
            Requests = I("requests", 200_000),
            FirstLifecycle = I("first-lifecycle", 0),
            KeepAlivePairs = I("keepalive-pairs", 2),
            Connections = I("connections", 32),
            Seconds = D("seconds", 15),
            Warmup = D("warmup", 2),
            Rate = D("rate", 0),
            Prefix = S("prefix", "run"),
            DrainSeconds = D("drain-seconds", 30),
            Timeline = map.GetValueOrDefault("timeline"),
            Dump = map.GetValueOrDefault("dump"),
        };
        if (o.Workload is not ("w1" or "w2" or "w3")) throw new ArgumentException("--workload is w1, w2 or w3.");
        if (o.Workload == "w1" && o.BodyFile is null) throw new ArgumentException("--body-file is required for w1.");
        if (o.Connections is < 1 or > 1024 || o.Seconds is <= 0 or > 3600 || o.Warmup is < 0 or > 600 || o.Rate < 0 || o.Requests < 1)
            throw new ArgumentException("--connections 1..1024, --seconds 0..3600, --warmup 0..600, --rate >= 0, --requests >= 1.");
        return o;
    }
}
