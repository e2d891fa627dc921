using System.Runtime.InteropServices;

namespace StreamPortal.Hosting;

/// <summary>
/// Runs background work (the search indexer) on a thread of its own that the OS schedules after everything else:
/// on Linux its nice value is raised to <see cref="Nice"/>, so the threads answering hooks take the cores first.
/// </summary>
/// <remarks>
/// Why: at 1,000 hooks/s on 2 cores the indexer's FTS5 inserts and segment merges come in bursts of tens of
/// milliseconds on one core; on the thread pool at normal priority they put the hook p99 at 6-7 ms against 2-4 ms
/// with the indexer off. .NET's <see cref="Thread.Priority"/> does nothing on Linux, where a thread's nice value is its
/// own (setpriority(2) on the thread id); lowering it needs no privilege. Elsewhere the thread runs at normal priority.
/// </remarks>
public static class BackgroundThread
{
    /// <summary>
    /// The lowest priority: against a thread at the normal priority, Linux's scheduler gives it ~1.5 % of a busy core,
    /// and all of an idle one.
    /// </summary>
    public const int Nice = 19;

    /// <summary>Starts <paramref name="work"/> on a new low-priority thread; the task ends with it (or its exception).</summary>
    /// <remarks>
    /// A Linux thread inherits the nice value of the thread that creates it, and the thread pool creates a worker on
    /// the thread that queues work when none is free: a continuation queued from the lowered thread could leave a pool
    /// worker at nice 19 for the rest of the process, answering hooks. So the lowered thread queues nothing: it only
    /// sets an event, and the task is completed from the thread pool's wait thread (created by the caller, at the
    /// caller's priority). <paramref name="work"/> must not queue to the thread pool or start threads either.
    /// </remarks>
    public static Task Run(string name, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new ManualResetEvent(false);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            Lower();
            try { work(); }
            catch (Exception ex) { failure = ex; }
            finally { finished.Set(); }
        })
        { IsBackground = true, Name = name };
        RegisteredWaitHandle? registration = null;
        registration = ThreadPool.UnsafeRegisterWaitForSingleObject(finished, (_, _) =>
        {
            // Assigned before the thread starts, so before the event can be set.
            registration!.Unregister(null);
            finished.Dispose();
            if (failure is { } ex) done.SetException(ex);
            else done.SetResult();
        }, null, Timeout.Infinite, executeOnlyOnce: true);
        thread.Start();
        return done.Task;
    }

    /// <summary>Whether the current thread's priority was lowered (false where the OS offers no per-thread nice).</summary>
    public static bool Lower()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return setpriority(PrioProcess, gettid(), Nice) == 0; }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>The current thread's nice value on Linux (tests), or null elsewhere.</summary>
    public static int? CurrentNice() => OperatingSystem.IsLinux() ? getpriority(PrioProcess, gettid()) : null;

    private const int PrioProcess = 0;

    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks: ints only, nothing to marshal.
    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);

    [DllImport("libc")]
    private static extern int gettid();
}
