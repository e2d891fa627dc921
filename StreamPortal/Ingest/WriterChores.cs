using System.Collections.Concurrent;
using System.Data.Common;

namespace StreamPortal.Ingest;

/// <summary>
/// Small pieces of database work run by the ingest writer itself, on its own connection, when no hook is waiting
/// (<see cref="BatchWriter"/>). On SQLite the file has one write lock: a delete run on another connection made the
/// writer wait in SQLite's busy handler, whose sleeps grow to 100 ms, and back-to-back deletes never let it in
/// (pruning 1,000,000 events while 1,000 hooks/s arrived put the hooks' p50 at 5.6 s). Run by the writer, a chore
/// delays a hook by one chore at most, and never while hooks queue, unless a chore has waited longer than
/// <see cref="MaxWait"/> (so that a writer that is never idle still prunes).
/// </summary>
/// <param name="wake">Wakes a writer that waits for hooks (<see cref="IngestQueue.Wake"/>): it runs chores before it waits.</param>
public sealed class WriterChores(Action wake)
{
    /// <summary>How long a chore waits for an idle writer before it runs between two batches anyway.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<Chore> _queue = new();

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's connection; its result, or its exception. Cancelling stops the
    /// wait at once (a writer that has stopped runs nothing more) and the chore is skipped if it has not started.
    /// </summary>
    public Task<T> RunAsync<T>(Func<DbConnection, T> work, CancellationToken ct)
    {
        var chore = new Chore<T>(work, ct);
        _queue.Enqueue(chore);
        wake();
        return chore.Done.Task.WaitAsync(ct);
    }

    /// <summary>Whether a chore is queued.</summary>
    public bool Any => !_queue.IsEmpty;

    /// <summary>Whether the oldest chore has waited longer than <see cref="MaxWait"/>.</summary>
    public bool Overdue => _queue.TryPeek(out var chore) && chore.Waited > MaxWait;

    /// <summary>The writer: runs the oldest chore on <paramref name="connection"/>; false if there was none.</summary>
    public bool RunOne(DbConnection connection)
    {
        if (!_queue.TryDequeue(out var chore)) return false;
        chore.Run(connection);
        return true;
    }

    /// <summary>The writer stops: chores still queued are cancelled (their callers stop too).</summary>
    public void CancelAll()
    {
        while (_queue.TryDequeue(out var chore)) chore.Cancel();
    }

    private abstract class Chore
    {
        private readonly long _posted = System.Diagnostics.Stopwatch.GetTimestamp();
        public TimeSpan Waited => System.Diagnostics.Stopwatch.GetElapsedTime(_posted);
        public abstract void Run(DbConnection connection);
        public abstract void Cancel();
    }

    private sealed class Chore<T>(Func<DbConnection, T> work, CancellationToken ct) : Chore
    {
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(DbConnection connection)
        {
            if (ct.IsCancellationRequested)
            {
                Done.TrySetCanceled(ct);
                return;
            }
            try
            {
                Done.TrySetResult(work(connection));
            }
            catch (Exception ex)
            {
                Done.TrySetException(ex);
            }
        }

        public override void Cancel() => Done.TrySetCanceled();
    }
}
