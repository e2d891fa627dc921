using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Hosting;

namespace StreamPortal.Ingest;

public sealed class ValidateIngestOptions : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new OptionsFailures();
        failures.Range(Key(nameof(IngestOptions.MaxBatchSize)), options.MaxBatchSize, 1, 10_000);
        failures.Positive(Key(nameof(IngestOptions.QueueCapacity)), options.QueueCapacity);
        failures.Range(Key(nameof(IngestOptions.MaxQueueWaitMs)), options.MaxQueueWaitMs, 1, 10_000);
        failures.Range(Key(nameof(IngestOptions.WriterBusyTimeoutMs)), options.WriterBusyTimeoutMs, 0, 10_000);
        if (options.ProjectionCacheSize < 0) failures.Add($"{Key(nameof(IngestOptions.ProjectionCacheSize))} must not be negative.");
        failures.Range(Key(nameof(IngestOptions.CheckpointIntervalMs)), options.CheckpointIntervalMs, 10, 60_000);
        failures.Range(Key(nameof(IngestOptions.WriterCacheMb)), options.WriterCacheMb, 2, 4096);
        failures.Range(Key(nameof(IngestOptions.WalBackstopPages)), options.WalBackstopPages, 100, 1_000_000);
        // A name the enum lacks fails binding itself (naming the key); a number ("7") binds, so it is checked here.
        if (!Enum.IsDefined(options.Synchronous))
            failures.Add($"{Key(nameof(IngestOptions.Synchronous))} must be {string.Join(" or ", Enum.GetNames<SynchronousMode>().Select(n => n.ToUpperInvariant()))}.");
        return failures.Result();
    }

    private static string Key(string property) => $"{IngestOptions.Section}:{property}";
}
