using Microsoft.Extensions.Time.Testing;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// A failed batch makes the instance unready for a bounded time only: behind a load balancer an unready instance gets no
/// hooks, so no later batch could clear the flag, and the instance would stay out after its database came back.
/// </summary>
public sealed class WriterStatusTests
{
    [Fact]
    public void A_failed_batch_counts_for_a_bounded_time_then_no_longer()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var status = new WriterStatus(time);
        status.Started();
        Assert.False(status.LastBatchFailed);

        status.BatchFailed();
        Assert.True(status.LastBatchFailed);
        time.Advance(WriterStatus.FailureCountsFor - TimeSpan.FromMilliseconds(100));
        Assert.True(status.LastBatchFailed);
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(status.LastBatchFailed);

        // A new failure counts again from its own time.
        status.BatchFailed();
        Assert.True(status.LastBatchFailed);
    }

    [Fact]
    public void A_commit_clears_a_failure_at_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var status = new WriterStatus(time);
        status.Started();
        status.BatchFailed();
        status.Committed();
        Assert.False(status.LastBatchFailed);
    }

    [Fact]
    public void Taking_a_batch_after_an_idle_spell_is_progress_and_a_batch_stuck_for_long_is_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var status = new WriterStatus(time);
        status.Started();
        time.Advance(TimeSpan.FromMinutes(1));   // idle: nothing committed for a minute
        Assert.True(status.SinceLastProgress >= TimeSpan.FromMinutes(1));

        status.Writes(10);   // the first hooks after the quiet spell
        Assert.Equal(TimeSpan.Zero, status.SinceLastProgress);
        Assert.True(status.SinceLastCommit >= TimeSpan.FromMinutes(1));

        time.Advance(TimeSpan.FromSeconds(6));   // that batch never finishes
        Assert.Equal(TimeSpan.FromSeconds(6), status.SinceLastProgress);
    }
}
