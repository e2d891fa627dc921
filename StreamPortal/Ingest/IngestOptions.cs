namespace StreamPortal.Ingest;

/// <summary>StreamPortal:Ingest configuration.</summary>
public sealed class IngestOptions
{
    public const string Section = "StreamPortal:Ingest";

    /// <summary>Most hooks committed in one transaction; a batch is whatever is queued, never waited for.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Queued hooks before new requests wait for room (backpressure instead of unbounded memory).</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Stream and session rows the writer keeps in memory (each kind) so that a batch writes each row once.</summary>
    public int ProjectionCacheSize { get; set; } = 20_000;

    /// <summary>How often the WAL is checkpointed in the background (milliseconds).</summary>
    public int CheckpointIntervalMs { get; set; } = 500;

    /// <summary>
    /// SQLite synchronous mode: NORMAL (default; with WAL every answered hook survives a process crash) or
    /// FULL (also survives power loss, at a cost per commit).
    /// </summary>
    public string Synchronous { get; set; } = "NORMAL";
}
