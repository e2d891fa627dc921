using Microsoft.Data.Sqlite;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>The queue of work the ingest writer runs on its own connection when no hook waits.</summary>
public sealed class WriterChoresTests
{
    [Fact]
    public async Task A_chore_runs_on_the_connection_the_writer_gives_and_its_result_or_error_reaches_the_caller()
    {
        var chores = new WriterChores();
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
    public async Task The_writers_wait_ends_when_a_chore_is_posted_and_not_before()
    {
        var chores = new WriterChores();
        var idle = chores.WhenPosted();
        Assert.False(idle.IsCompleted);
        var chore = chores.RunAsync(_ => 1, default);
        await idle.WaitAsync(TimeSpan.FromSeconds(10));
        // Posted and not yet run: the next wait ends at once; once run, the one after waits again.
        Assert.True(chores.WhenPosted().IsCompleted);
        using var connection = new SqliteConnection("Data Source=:memory:");
        chores.RunOne(connection);
        Assert.Equal(1, await chore);
        Assert.False(chores.WhenPosted().IsCompleted);
    }

    [Fact]
    public async Task Chores_left_when_the_writer_stops_are_cancelled_and_a_cancelled_caller_is_not_run()
    {
        var chores = new WriterChores();
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
