using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Bench.LoadGen;

// Load generator for the StreamPortal benchmark. Two modes, same raw-socket client:
//  closed loop (default): N connections each send the next request as soon as the previous one is answered
//    (like wrk) -> throughput; after the run every in-flight request is awaited, so "answered" is exact.
//  open loop (--rate R): requests are scheduled at fixed times t0 + i/R and latency is measured from the
//    scheduled time, not the send time, so a stalled server cannot hide its stall (no coordinated omission).
Options options;
try { options = Options.Parse(args); }
catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine($"loadgen: {ex.Message}");
    return 2;
}

var source = RequestSource.Build(options);
if (options.Dump is not null)
{
    source.Dump(options.Dump);
    Console.WriteLine($"{options.Prefix}_dumped: {source.Count}");
    return 0;
}
var workers = new Stats[options.Connections];
for (var i = 0; i < workers.Length; i++) workers[i] = new Stats();
using var cts = new CancellationTokenSource();
var hardStop = TimeSpan.FromSeconds(options.Warmup + options.Seconds + options.DrainSeconds + 5);
cts.CancelAfter(hardStop);

var result = options.Rate > 0
    ? await Runner.OpenLoopAsync(options, source, workers, cts.Token)
    : await Runner.ClosedLoopAsync(options, source, workers, cts.Token);

var total = Stats.Merge(workers);
if (options.Timeline is not null)
    File.WriteAllLines(options.Timeline, workers.SelectMany(w => w.Timeline).OrderBy(t => t.Due)
        .Select(t => FormattableString.Invariant($"{t.Due * 1000.0 / Stopwatch.Frequency:F1},{t.Latency * 1000.0 / Stopwatch.Frequency:F3}")));
total.LatencyTicks.Sort();
total.LagTicks.Sort();
var p = options.Prefix;
string F(double v) => double.IsNaN(v) ? "nan" : v.ToString(v >= 100 ? "F0" : "F3", CultureInfo.InvariantCulture);
void Line(string name, object value) => Console.WriteLine($"{p}_{name}: {value}");
Line("rps", F(total.InWindow / result.WindowSeconds));
Line("answered", total.Answered);
Line("sent", result.Sent);
Line("unanswered", result.Sent - total.Answered);
Line("status_200", total.Ok);
Line("status_other", total.NonOk);
Line("statuses", string.Join(",", total.ByStatus.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}")));
Line("errors", total.Errors);
Line("p50_ms", F(Percentiles.Ms(total.LatencyTicks, 50)));
Line("p90_ms", F(Percentiles.Ms(total.LatencyTicks, 90)));
Line("p99_ms", F(Percentiles.Ms(total.LatencyTicks, 99)));
Line("p999_ms", F(Percentiles.Ms(total.LatencyTicks, 99.9)));
Line("max_ms", F(Percentiles.Ms(total.LatencyTicks, 100)));
Line("samples", total.LatencyTicks.Count);
Line("body_bytes_avg", F(source.AverageBodyBytes));
Line("distinct_requests", source.Count);
if (options.Workload == "w3") Line("tagged_answered", total.TaggedAnswered);
if (options.Rate > 0)
{
    Line("target_rate", F(options.Rate));
    // schedule lag: how late the generator's own schedule thread was (its CPU starvation, not the server's fault);
    // connection wait: due -> a connection picked it up (includes waiting for a connection a stalled server holds).
    result.ScheduleLagTicks.Sort();
    Line("schedule_lag_p99_ms", F(Percentiles.Ms(result.ScheduleLagTicks, 99)));
    Line("connection_wait_p99_ms", F(Percentiles.Ms(total.LagTicks, 99)));
}
Line("drained", result.Drained ? "true" : "false");
return total.Errors > 0 && total.Answered == 0 ? 1 : 0;

internal sealed record RunResult(double WindowSeconds, long Sent, bool Drained)
{
    public List<long> ScheduleLagTicks { get; init; } = [];
}

internal static class Runner
{
    public static async Task<RunResult> ClosedLoopAsync(Options o, RequestSource source, Stats[] workers, CancellationToken ct)
    {
        long next = -1, sent = 0;
        long windowStart = long.MaxValue, windowEnd = long.MaxValue;
        var stop = 0;
        var tasks = workers.Select(stats => Task.Run(async () =>
        {
            using var connection = new RawHttpConnection(o.Endpoint);
            while (Volatile.Read(ref stop) == 0 && !ct.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                var t0 = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    Interlocked.Increment(ref sent);
                    status = await connection.SendAsync(source.Get(n), ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    stats.Errors++;
                    await Task.Delay(10, CancellationToken.None); // a refused connect must not spin
                    continue;
                }
                var t1 = Stopwatch.GetTimestamp();
                stats.Record(status, source.IsTagged(n));
                if (t1 >= Volatile.Read(ref windowStart) && t1 <= Volatile.Read(ref windowEnd))
                {
                    stats.InWindow++;
                    stats.LatencyTicks.Add(t1 - t0);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(o.Warmup));
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref windowStart, start);
        await Task.Delay(TimeSpan.FromSeconds(o.Seconds));
        var end = Stopwatch.GetTimestamp();
        Volatile.Write(ref windowEnd, end);
        Volatile.Write(ref stop, 1);
        var drained = await DrainAsync(tasks, o.DrainSeconds);
        return new RunResult((end - start) / (double)Stopwatch.Frequency, Interlocked.Read(ref sent), drained);
    }

    public static async Task<RunResult> OpenLoopAsync(Options o, RequestSource source, Stats[] workers, CancellationToken ct)
    {
        var queue = Channel.CreateUnbounded<(long Due, long N)>(new UnboundedChannelOptions { SingleWriter = true });
        long sent = 0;
        var begin = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var windowStart = begin + (long)(o.Warmup * Stopwatch.Frequency);
        // The window's start on the wall clock, to line the timeline up with other tools' timestamps.
        if (o.Timeline is not null)
            File.WriteAllText(o.Timeline + ".start", (DateTimeOffset.UtcNow.AddTicks((windowStart - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        var windowEnd = windowStart + (long)(o.Seconds * Stopwatch.Frequency);
        var tasks = workers.Select(stats => Task.Run(async () =>
        {
            using var connection = new RawHttpConnection(o.Endpoint);
            await foreach (var (due, n) in queue.Reader.ReadAllAsync(ct))
            {
                var picked = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    Interlocked.Increment(ref sent);
                    status = await connection.SendAsync(source.Get(n), ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    stats.Errors++;
                    continue;
                }
                var done = Stopwatch.GetTimestamp();
                stats.Record(status, source.IsTagged(n));
                if (due >= windowStart && due < windowEnd)
                {
                    stats.InWindow++;
                    stats.LatencyTicks.Add(done - due);
                    stats.LagTicks.Add(picked - due);
                    if (o.Timeline is not null) stats.Timeline.Add((due - windowStart, done - due));
                }
            }
        })).ToArray();

        // The schedule runs on its own thread with sub-millisecond sleeps: Task.Delay's ~1 ms timer would add
        // its own lateness to every latency measured from the schedule.
        var scheduleLag = new List<long>((int)Math.Min(10_000_000, o.Rate * (o.Warmup + o.Seconds) + 16));
        var dispatcher = new Thread(() =>
        {
            var interval = Stopwatch.Frequency / o.Rate;
            long i = 0;
            while (!ct.IsCancellationRequested)
            {
                var due = begin + (long)(i * interval);
                if (due >= windowEnd) break;
                var now = Stopwatch.GetTimestamp();
                if (now >= due)
                {
                    if (due >= windowStart) scheduleLag.Add(now - due);
                    queue.Writer.TryWrite((due, i));
                    i++;
                    continue;
                }
                var waitUs = (due - now) * 1_000_000 / Stopwatch.Frequency;
                Native.SleepMicroseconds((uint)Math.Clamp(waitUs - 20, 20, 100_000));
            }
            queue.Writer.TryComplete();
        }) { IsBackground = true, Name = "schedule", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        await Task.Run(dispatcher.Join, CancellationToken.None);
        var drained = await DrainAsync(tasks, o.DrainSeconds);
        return new RunResult(o.Seconds, Interlocked.Read(ref sent), drained) { ScheduleLagTicks = scheduleLag };
    }

    private static async Task<bool> DrainAsync(Task[] tasks, double seconds)
    {
        var all = Task.WhenAll(tasks);
        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(seconds)));
        if (finished != all) return false;
        try { await all; } catch (OperationCanceledException) { return false; }
        return true;
    }
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int usleep(uint microseconds);

    public static void SleepMicroseconds(uint us) => usleep(us);
}
