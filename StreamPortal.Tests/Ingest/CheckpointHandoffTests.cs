using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

public sealed class CheckpointHandoffTests
{
    [Fact]
    public void Nothing_to_finish_before_a_background_checkpoint_is_done()
    {
        var handoff = new CheckpointHandoff();
        Assert.False(handoff.WriterShouldFinish(10, idle: true));
        handoff.BackgroundCheckpointStarting();
        Assert.False(handoff.WriterShouldFinish(10, idle: true));
    }

    [Fact]
    public void An_idle_writer_finishes_each_background_checkpoint_once()
    {
        var handoff = new CheckpointHandoff();
        handoff.BackgroundCheckpointStarting();
        Assert.False(handoff.WriterShouldFinish(20, idle: true));
        handoff.BackgroundCheckpointDone();

        Assert.True(handoff.WriterShouldFinish(20, idle: true));
        Assert.False(handoff.WriterShouldFinish(20, idle: true));

        handoff.BackgroundCheckpointStarting();
        handoff.BackgroundCheckpointDone();
        Assert.True(handoff.WriterShouldFinish(5, idle: true));
    }

    [Fact]
    public void A_busy_writer_waits_until_it_is_idle()
    {
        var handoff = new CheckpointHandoff();
        handoff.BackgroundCheckpointStarting();
        handoff.BackgroundCheckpointDone();
        Assert.False(handoff.WriterShouldFinish(20, idle: false));
        Assert.True(handoff.WriterShouldFinish(20, idle: true));
    }

    [Fact]
    public void Too_much_committed_since_the_background_checkpoint_started_is_left_to_the_next_one()
    {
        var handoff = new CheckpointHandoff();
        handoff.BackgroundCheckpointStarting();
        Assert.False(handoff.WriterShouldFinish(CheckpointHandoff.MaxRemainderPages, idle: false));
        handoff.BackgroundCheckpointDone();
        Assert.False(handoff.WriterShouldFinish(1, idle: true));

        // The next background checkpoint copies those; only what came after it started counts again.
        handoff.BackgroundCheckpointStarting();
        handoff.BackgroundCheckpointDone();
        Assert.True(handoff.WriterShouldFinish(1, idle: true));
    }
}
