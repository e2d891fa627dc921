using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamPortal.Ingest;

namespace StreamPortal.Health;

/// <summary>
/// The ingest writer is running and keeping up: its last batch was stored, the queue has room, and queued hooks do not
/// sit there (it committed or took a batch recently, or nothing is queued). Reads a few fields, no query.
/// </summary>
public sealed class IngestWriterCheck(WriterStatus writer, IngestQueue queue) : IHealthCheck
{
    /// <summary>Longer than any healthy batch takes, well under WCS's 15 s hook timeout.</summary>
    private static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queued = queue.Count;
        var result =
            !writer.Running ? HealthCheckResult.Unhealthy("The ingest writer is not running.")
            : writer.LastBatchFailed ? HealthCheckResult.Unhealthy("The ingest writer's last batch was not stored.")
            : queued >= queue.Capacity ? HealthCheckResult.Unhealthy("The ingest queue is full.")
            : queued > 0 && writer.SinceLastProgress > StalledAfter ? HealthCheckResult.Unhealthy("The ingest writer is not keeping up.")
            : HealthCheckResult.Healthy();
        return Task.FromResult(result);
    }
}
