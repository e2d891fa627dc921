using System.Diagnostics.Metrics;
using StreamPortal.Metrics;

namespace StreamPortal.Anomalies;

/// <summary>
/// streamportal.anomalies.open{kind} on the portal's meter (<see cref="PortalMetrics.MeterName"/>; Prometheus:
/// streamportal_anomalies_open): read from the detector's memory at each scrape, no query. A hosted service only so
/// that the gauge exists from the start. The meter is the factory's (shared with PortalMetrics), so it is not
/// disposed here.
/// </summary>
public sealed class AnomalyMetrics : IHostedService
{
    public AnomalyMetrics(IMeterFactory meters, AnomalyDetector detector)
    {
        meters.Create(PortalMetrics.MeterName).CreateObservableGauge("streamportal.anomalies.open",
            () => detector.Book.OpenCounts.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("kind", c.Key))),
            "{anomaly}", "Lifecycle anomalies open now, by kind");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
