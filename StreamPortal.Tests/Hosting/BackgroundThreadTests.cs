using StreamPortal.Hosting;

namespace StreamPortal.Tests.Hosting;

public sealed class BackgroundThreadTests
{
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
    public async Task An_exception_in_the_work_ends_the_task_with_it()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundThread.Run("failing worker", () => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", failure.Message);
    }
}
