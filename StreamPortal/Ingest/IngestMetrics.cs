using System.Diagnostics.Metrics;

namespace StreamPortal.Ingest;

/// <summary>
/// Meter "StreamPortal.Ingest": what the writer does, for dotnet-counters or any OpenTelemetry exporter
/// (e.g. <c>dotnet-counters monitor -n StreamPortal --counters StreamPortal.Ingest</c>).
/// </summary>
public sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "StreamPortal.Ingest";

    private readonly Meter _meter;
    private readonly Counter<long> _hooks;
    private readonly Counter<long> _batches;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitMs;
    private readonly Counter<long> _pagesWritten;
    private readonly Counter<long> _staleChecks;
    private readonly Counter<long> _shed;
    private readonly MinuteCounter _shedPerMinute;
    private readonly Counter<long> _duplicates;
    private readonly MinuteCounter _duplicatesPerMinute;

    public IngestMetrics(IMeterFactory meters, TimeProvider time)
    {
        _shedPerMinute = new MinuteCounter(time);
        _duplicatesPerMinute = new MinuteCounter(time);
        _meter = meters.Create(MeterName);
        _hooks = _meter.CreateCounter<long>("streamportal.ingest.hooks", "{hook}", "Hooks committed");
        _batches = _meter.CreateCounter<long>("streamportal.ingest.batches", "{batch}", "Transactions committed");
        _batchSize = _meter.CreateHistogram<int>("streamportal.ingest.batch_size", "{hook}", "Hooks per transaction");
        _commitMs = _meter.CreateHistogram<double>("streamportal.ingest.batch_duration", "ms", "Time to write and commit one batch");
        // Divided by hooks: the write amplification (pages of the database each hook costs in the WAL).
        _pagesWritten = _meter.CreateCounter<long>("streamportal.ingest.pages_written", "{page}", "Database pages the writer's commits wrote to the WAL");
        // Against batches: how often another instance wrote a row since this one did (see docs/postgresql.md).
        _staleChecks = _meter.CreateCounter<long>("streamportal.ingest.stale_checks", "{batch}",
            "PostgreSQL batches written again the locked way because a row changed under the writer's copy");
        _shed = _meter.CreateCounter<long>("streamportal.ingest.shed", "{hook}", "Hooks answered 503 because the queue stayed full");
        _duplicates = _meter.CreateCounter<long>("streamportal.ingest.duplicates", "{hook}",
            "Hooks stored as duplicates of an identical earlier hook (WCS re-sent it); they leave the projections alone");
    }

    /// <summary>Hooks shed (503) in the last hour, for the dashboard.</summary>
    public int ShedLastHour => _shedPerMinute.LastHour();

    public void Shed()
    {
        _shed.Add(1);
        _shedPerMinute.Add();
    }

    /// <summary>Hooks marked as duplicates in the last hour (since start), for the dashboard.</summary>
    public int DuplicatesLastHour => _duplicatesPerMinute.LastHour();

    /// <summary>Called by the writer once per committed batch that marked duplicates.</summary>
    public void Duplicates(int count)
    {
        _duplicates.Add(count);
        _duplicatesPerMinute.Add(count);
    }

    public void Committed(int hooks, double milliseconds, int pagesWritten, int staleChecks)
    {
        _pagesWritten.Add(pagesWritten);
        if (staleChecks > 0) _staleChecks.Add(staleChecks);
        _hooks.Add(hooks);
        _batches.Add(1);
        _batchSize.Record(hooks);
        _commitMs.Record(milliseconds);
    }

    public void Dispose() => _meter.Dispose();
}
