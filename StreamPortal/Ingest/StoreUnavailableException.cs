namespace StreamPortal.Ingest;

/// <summary>
/// The hook could not be stored for a passing reason (the queue stayed full, another process holds the database's
/// write lock): not the hook's fault, so WCS is told when to try again (503 with Retry-After).
/// </summary>
public sealed class StoreUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
