using StreamPortal.Data;

namespace StreamPortal.Ingest;

/// <summary>StreamPortal:Ingest configuration.</summary>
public sealed class IngestOptions
{
    public const string Section = "StreamPortal:Ingest";

    /// <summary>Most hooks committed in one transaction; a batch is whatever is queued, never waited for.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Queued hooks before new requests wait for room (backpressure instead of unbounded memory).</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>
    /// How long a hook waits for room in a full queue before it is shed with 503 and Retry-After (milliseconds):
    /// under overload WCS gets a quick answer it can act on instead of a latency that grows until its own timeout.
    /// </summary>
    public int MaxQueueWaitMs { get; set; } = 2000;

    /// <summary>
    /// How long the writer waits for a write lock another process holds (SQLite busy_timeout, milliseconds) before
    /// its batch is answered 503; kept well under WCS's 15 s hook timeout.
    /// </summary>
    public int WriterBusyTimeoutMs { get; set; } = 2000;

    /// <summary>Stream and session rows the writer keeps in memory (each kind) so that a batch writes each row once.</summary>
    public int ProjectionCacheSize { get; set; } = 20_000;

    /// <summary>
    /// How often the WAL is checkpointed in the background (milliseconds). Small, frequent checkpoints keep each
    /// one's fsync short; at 500 ms the stalls they caused showed in the hooks' p99 (14 ms against 3 ms at 25 ms).
    /// </summary>
    public int CheckpointIntervalMs { get; set; } = 25;

    /// <summary>SQLite page cache of the writer's connection (MB): index pages touched by hooks stay in memory.</summary>
    public int WriterCacheMb { get; set; } = 64;

    /// <summary>
    /// WAL pages after which the writer checkpoints by itself (SQLite's wal_autocheckpoint). Under sustained load the
    /// background checkpoints cannot finish a WAL cycle, so each cycle ends with one checkpoint (and fsync) here.
    /// </summary>
    public int WalBackstopPages { get; set; } = 10_000;

    /// <summary>
    /// SQLite synchronous mode: NORMAL (default; with WAL every answered hook survives a process crash) or
    /// FULL (also survives power loss, at a cost per commit). Bound case-insensitively.
    /// </summary>
    public SynchronousMode Synchronous { get; set; } = SynchronousMode.Normal;
}
