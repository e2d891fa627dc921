using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>The queue of work the ingest writer runs on its own connection when no hook waits.</summary>
public sealed class WriterChoresTests
{
    [Fact]
    public async Task A_chore_runs_on_the_connection_the_writer_gives_and_its_result_or_error_reaches_the_caller()
    {
        var chores = new WriterChores(() => { });
        using var connection = new SqliteConnection("Data Source=:memory:");
        var result = chores.RunAsync(c => ReferenceEquals(c, connection) ? 42 : -1, default);
        var failing = chores.RunAsync<int>(_ => throw new InvalidOperationException("no table"), default);
        Assert.False(result.IsCompleted);

        Assert.True(chores.RunOne(connection));
        Assert.True(chores.RunOne(connection));
        Assert.False(chores.RunOne(connection));
        Assert.Equal(42, await result);
        Assert.Equal("no table", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
    }

    [Fact]
    public async Task Posting_a_chore_wakes_a_writer_waiting_for_hooks_and_the_writer_takes_no_hook_from_it()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(new IngestOptions())).AddSingleton<IngestMetrics>().AddSingleton<IngestQueue>()
            .BuildServiceProvider();
        var queue = services.GetRequiredService<IngestQueue>();
        var chores = new WriterChores(queue.Wake);
        // What the writer does when the queue is empty and no chore is queued: it waits on the queue.
        var waiting = queue.Reader.WaitToReadAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        var chore = chores.RunAsync(_ => 1, default);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(queue.Reader.TryRead(out var item));
        Assert.Same(IngestItem.Wake, item);
        Assert.False(queue.Reader.TryRead(out _));
        using var connection = new SqliteConnection("Data Source=:memory:");
        Assert.True(chores.RunOne(connection));
        Assert.Equal(1, await chore);
    }

    [Fact]
    public async Task Chores_left_when_the_writer_stops_are_cancelled_and_a_cancelled_caller_is_not_run()
    {
        var chores = new WriterChores(() => { });
        using var cts = new CancellationTokenSource();
        var ran = false;
        var cancelled = chores.RunAsync(_ => ran = true, cts.Token);
        await cts.CancelAsync();
        // The caller stops waiting at once, writer or no writer; the writer then skips the chore.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        using var connection = new SqliteConnection("Data Source=:memory:");
        Assert.True(chores.RunOne(connection));
        Assert.False(ran);

        var left = chores.RunAsync(_ => 1, default);
        Assert.False(chores.Overdue);
        chores.CancelAll();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.False(chores.Any);
    }
}
