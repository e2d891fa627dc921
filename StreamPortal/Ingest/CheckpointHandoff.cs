namespace StreamPortal.Ingest;

/// <summary>
/// Lets the WAL start over without stalling hooks. SQLite restarts the WAL only when a write begins with every
/// frame already copied back, which a background checkpoint never achieves while hooks keep committing during it:
/// the WAL then grew to the writer's auto-checkpoint backstop, and that checkpoint (an fsync of everything not yet
/// synced) stalled the writer for 2-4 ms every ~0.5 s at 1,000 hooks/s. So after each background checkpoint the
/// writer, when idle, copies the few frames committed since it started (a short passive checkpoint of its own); its
/// next write then restarts the WAL. When more than <see cref="MaxRemainderPages"/> were committed meanwhile (a busy
/// writer), it leaves them to the next background checkpoint and, in the end, to the backstop.
/// </summary>
public sealed class CheckpointHandoff
{
    /// <summary>About 1 ms of copying and fsync on this kind of disk.</summary>
    public const int MaxRemainderPages = 256;

    private long _started;
    private long _done;

    // The writer's own view (only the writer's thread touches these).
    private long _seenStart;
    private long _finished;
    private long _pagesSinceStart;

    /// <summary>The background checkpointer is about to copy every frame committed so far.</summary>
    public void BackgroundCheckpointStarting() => Interlocked.Increment(ref _started);

    /// <summary>It copied them back and the WAL is not empty (else there is nothing to finish).</summary>
    public void BackgroundCheckpointDone() => Volatile.Write(ref _done, Volatile.Read(ref _started));

    /// <summary>
    /// Called by the writer after each commit with the pages it wrote to the WAL: true when it should run the short
    /// checkpoint now (idle, and only the frames of its commits since the background one started are left).
    /// </summary>
    public bool WriterShouldFinish(int pagesWritten, bool idle)
    {
        var started = Volatile.Read(ref _started);
        if (started != _seenStart)
        {
            // Commits that ended after the start was announced: an upper bound of what that checkpoint missed.
            _seenStart = started;
            _pagesSinceStart = 0;
        }
        _pagesSinceStart += pagesWritten;
        if (!idle || _finished == started || Volatile.Read(ref _done) != started || _pagesSinceStart > MaxRemainderPages) return false;
        _finished = started;
        return true;
    }
}
