using StreamPortal.Wcs;

namespace StreamPortal.Tests.Wcs;

public sealed class StatusOrderTests
{
    [Theory]
    [InlineData(null, "PENDING", true)]
    [InlineData("PENDING", "PUBLISHING", true)]
    [InlineData("PUBLISHING", "PENDING", false)]
    [InlineData("PUBLISHING", "PUBLISHING", true)]
    [InlineData("STOPPED", "PLAYING", false)]
    [InlineData("STOPPED", "FAILED", true)]
    [InlineData("UNPUBLISHED", null, false)]
    [InlineData("DISCONNECTED", "ESTABLISHED", false)]
    [InlineData("CONNECTING", "ESTABLISHED", true)]
    [InlineData("REFUSED", "FAILED", true)]
    public void A_status_replaces_only_one_of_equal_or_lower_rank(string? current, string? incoming, bool accepted) =>
        Assert.Equal(accepted, StatusOrder.Accepts(current, incoming));

    [Fact]
    public void Every_terminal_stream_status_outranks_every_live_and_pending_one()
    {
        var terminal = StreamStatus.Terminal.Select(StatusOrder.Rank).Min();
        Assert.All(StreamStatus.All.Except(StreamStatus.Terminal), s => Assert.True(StatusOrder.Rank(s) < terminal, s));
        Assert.True(StatusOrder.Rank(StreamStatus.Pending) < StatusOrder.Rank(StreamStatus.Publishing));
        Assert.All(StreamStatus.All, s => Assert.Equal(StreamStatus.Terminal.Contains(s), StreamStatus.IsTerminal(s)));
    }

    [Fact]
    public void A_session_ends_its_streams_when_it_disconnects_or_fails_but_not_when_refused()
    {
        Assert.True(SessionStatus.EndsStreams(SessionStatus.Disconnected));
        Assert.True(SessionStatus.EndsStreams(SessionStatus.Failed));
        Assert.False(SessionStatus.EndsStreams(SessionStatus.Established));
        Assert.False(SessionStatus.EndsStreams(SessionStatus.Refused));
        Assert.Equal(SessionStatus.Refused, SessionStatus.AfterConnect(403));
        Assert.Equal(SessionStatus.Connecting, SessionStatus.AfterConnect(200));
        Assert.Equal(StreamStatus.Stopped, StreamStatus.EndedWithSession(published: false));
        Assert.Equal(StreamStatus.Unpublished, StreamStatus.EndedWithSession(published: true));
    }
}
