using StreamPortal.Hosting;

namespace StreamPortal.Tests.Hosting;

public sealed class BackgroundThreadTests
{
    // The names given to BackgroundThread.Run in this process (the search indexers of the portals other tests start,
    // and these tests'); Linux keeps a thread's name to 15 bytes.
    private static readonly string[] LoweredNames = ["search indexer", "test worker", "failing worker"];

    [Fact]
    public async Task Work_runs_on_a_thread_of_its_own_at_the_lowest_priority_and_the_caller_keeps_its_own()
    {
        var callerNice = BackgroundThread.CurrentNice();
        int? workNice = null;
        var workThread = 0;
        await BackgroundThread.Run("test worker", () =>
        {
            workNice = BackgroundThread.CurrentNice();
            workThread = Environment.CurrentManagedThreadId;
        });

        Assert.NotEqual(Environment.CurrentManagedThreadId, workThread);
        if (!OperatingSystem.IsLinux()) return;   // elsewhere the thread runs at normal priority (documented)
        Assert.Equal(BackgroundThread.Nice, workNice);
        Assert.Equal(callerNice, BackgroundThread.CurrentNice());
        Assert.NotEqual(BackgroundThread.Nice, callerNice);
    }

    [Fact]
    public async Task No_thread_but_the_lowered_ones_is_left_at_their_priority()
    {
        if (!OperatingSystem.IsLinux()) return;
        // A thread inherits its creator's nice value, and the thread pool may create a worker on the thread that
        // queues work (the task's continuation): the lowered thread must queue nothing.
        for (var i = 0; i < 16; i++) await BackgroundThread.Run("test worker", () => { });

        var lowered = ThreadNices().Where(t => t.Nice == BackgroundThread.Nice).Select(t => t.Name).ToArray();
        Assert.All(lowered, name => Assert.Contains(name, LoweredNames));
    }

    [Fact]
    public async Task An_exception_in_the_work_ends_the_task_with_it()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundThread.Run("failing worker", () => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", failure.Message);
    }

    /// <summary>Every thread of this process: its name and nice value (/proc/self/task/*/stat, field 19).</summary>
    private static IEnumerable<(string Name, int Nice)> ThreadNices()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try { stat = File.ReadAllText(Path.Combine(task, "stat")); }
            catch (IOException) { continue; }   // the thread ended meanwhile
            // "tid (name) state ppid ...": the name may hold spaces and parentheses, so split after the last ')'.
            var close = stat.LastIndexOf(')');
            var name = stat[(stat.IndexOf('(') + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            yield return (name, int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
