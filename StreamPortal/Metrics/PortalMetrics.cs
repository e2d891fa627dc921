using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using StreamPortal.Ingest;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Metrics;

/// <summary>
/// Meter "StreamPortal": what the hook endpoint answers and how long it takes, refusals by reason, rule hits, the
/// ingest queue's depth and the live feed's subscribers (the writer's batches are <see cref="IngestMetrics"/>'s).
/// Recording costs a counter add with a stack-allocated tag list: no lock, no allocation for any tag value (methods and
/// statuses map to strings made once; unknown method names, chosen by the caller, all count as "other").
/// </summary>
public sealed class PortalMetrics : IDisposable
{
    public const string MeterName = "StreamPortal";
    public const string OtherMethod = "other";
    /// <summary>The status tag of a hook whose caller left before its answer (the stored event says what it would have been).</summary>
    public const string NoAnswer = "none";

    /// <summary>Seconds: sub-millisecond mirrors up to rule delays of several seconds.</summary>
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly string[] StatusTags =
        Enumerable.Range(0, 600).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly Meter _meter;
    private readonly Counter<long> _hooks;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _ruleHits;

    public PortalMetrics(IMeterFactory meters, IngestQueue queue, HookFeed feed)
    {
        _meter = meters.Create(MeterName);
        _hooks = _meter.CreateCounter<long>("streamportal.hooks", "{hook}", "Hooks answered, by WCS method and HTTP status of the answer");
        _duration = _meter.CreateHistogram("streamportal.hook.duration", "s",
            "Time from a hook's arrival to its answer being decided (stored, rule delay included)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _rejected = _meter.CreateCounter<long>("streamportal.hooks.rejected", "{hook}", "Hooks refused as bad input, by reason");
        _ruleHits = _meter.CreateCounter<long>("streamportal.rule.hits", "{hook}", "Hooks answered by a response rule, by rule id");
        _meter.CreateObservableGauge("streamportal.ingest.queue.depth", () => queue.Count, "{hook}", "Hooks queued and not yet taken by the writer");
        _meter.CreateObservableUpDownCounter("streamportal.live.subscribers", () => feed.SubscriberCount, "{subscriber}",
            "Subscribers of the live feed (the hub relay and each console page showing live data)");
    }

    /// <summary>The method tag: a known WCS method, or "other" for anything a caller made up.</summary>
    public static string MethodTag(string method) => HookCatalogue.IsKnown(method) ? method : OtherMethod;

    /// <summary>The status tag: the HTTP status, or "none" when nothing was answered.</summary>
    public static string StatusTag(int? status) => status is >= 100 and < 600 ? StatusTags[status.Value] : NoAnswer;

    public void HookAnswered(string method, int? status, long startTimestamp)
    {
        var tags = new TagList { { "method", MethodTag(method) }, { "status", StatusTag(status) } };
        _hooks.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }

    public void HookRejected(HookRejection reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", HookRejectionTags.Of(reason)));

    /// <summary>Rule ids are bounded by the rules table's limit; the id is boxed, once per hook a rule answers.</summary>
    public void RuleHit(long ruleId) => _ruleHits.Add(1, new KeyValuePair<string, object?>("rule.id", ruleId));

    public void Dispose() => _meter.Dispose();
}
