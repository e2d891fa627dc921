using System.Text;
using StreamPortal.Cluster;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Cluster;

/// <summary>The summary of a batch as it travels between instances: compact JSON that reads back to the same summaries.</summary>
public sealed class ClusterFeedMessageTests
{
    private static EventSummary Full() => new(
        42, 1_764_000_000_123, "my_api", "publishStream", HookKind.Event, "defaultApp", "session-1", "media-1", "stream-1",
        "PUBLISHING", 403, 7, "deny all", 1.25, true, "bad body", "node1@127.0.0.1", Resent: true)
    {
        DelayMs = 150, DuplicateOf = 41, Instance = "live-a",
    };

    [Fact]
    public void A_message_reads_back_to_the_same_summaries_and_keys_marked_remote()
    {
        var sent = new ClusterFeedMessage("origin-1", "live-a", [Full()], ["media-1"], ["session-1"]);

        var read = ClusterFeedMessage.FromUtf8(sent.ToUtf8());

        Assert.NotNull(read);
        Assert.Equal("origin-1", read.Origin);
        Assert.Equal("live-a", read.Instance);
        Assert.Equal(Full(), Assert.Single(read.Events));
        var batch = read.ToBatch();
        Assert.True(batch.Remote);
        Assert.Equal(["media-1"], batch.StreamIds);
        Assert.Equal(["session-1"], batch.SessionIds);
    }

    [Fact]
    public void Nulls_zeros_and_false_are_left_out_and_read_back_as_such()
    {
        var sparse = new EventSummary(1, 2, "my_api", "connect", HookKind.Connect, null, null, null, null, null, 200, null, null, 0.5, false, null);
        var json = Encoding.UTF8.GetString(new ClusterFeedMessage("o", "i", [sparse], [], []).ToUtf8());

        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("false", json);
        Assert.DoesNotContain("delayMs", json);
        Assert.Equal(sparse, Assert.Single(ClusterFeedMessage.FromUtf8(Encoding.UTF8.GetBytes(json))!.Events));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"origin\":\"o\"}")]
    [InlineData("[1,2,3]")]
    public void Anything_else_on_the_channel_is_no_message(string text) =>
        Assert.Null(ClusterFeedMessage.FromUtf8(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_message_larger_than_the_bound_is_not_read() =>
        Assert.Null(ClusterFeedMessage.FromUtf8(new byte[ClusterFeedMessage.MaxBytes + 1]));
}
