using System.Text;
using StreamPortal.Data.Entities;
using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

public sealed class DuplicateTrackerTests
{
    private static DuplicateTracker.BodyKey Key(string method, string body) => DuplicateTracker.KeyOf(method, Encoding.UTF8.GetBytes(body))!.Value;

    [Fact]
    public void Keep_alives_get_no_key()
    {
        Assert.Null(DuplicateTracker.KeyOf("StreamKeepAliveEvent", "{}"u8));
        Assert.NotEqual(Key("publishStream", "{}"), Key("playStream", "{}"));
        Assert.NotEqual(Key("publishStream", "{\"a\":1}"), Key("publishStream", "{\"a\":2}"));
    }

    [Fact]
    public void A_copy_within_the_window_finds_the_first_and_the_window_and_capacity_forget()
    {
        var tracker = new DuplicateTracker(capacity: 2);
        var a = Key("publishStream", "{\"a\":1}");
        Assert.Null(tracker.FirstCopy(a, 1_000, 30_000));
        tracker.Remember(a, 7, 1_000);
        Assert.Equal(7, tracker.FirstCopy(a, 31_000, 30_000));
        Assert.Null(tracker.FirstCopy(a, 31_001, 30_000));
        Assert.Null(tracker.FirstCopy(a, 2_000, 0));

        tracker.Trim(31_001, 30_000);
        Assert.Equal(0, tracker.Count);

        for (var i = 0; i < 5; i++) tracker.Remember(Key("publishStream", $"{{\"n\":{i}}}"), i, 40_000);
        tracker.Trim(40_000, 30_000);
        Assert.Equal(2, tracker.Count);
        Assert.Equal(4, tracker.FirstCopy(Key("publishStream", "{\"n\":4}"), 40_000, 30_000));

        tracker.Invalidate();
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void A_batch_written_again_after_a_rollback_marks_nothing_with_the_lost_ids()
    {
        // PostgreSQL retries a batch that met a concurrent writer: the first attempt's ids were rolled back.
        var marking = new DuplicateMarking(new DuplicateTracker(capacity: 10), windowMs: 30_000);
        var first = Item("{\"a\":1}");
        var copy = Item("{\"a\":1}");
        foreach (var (item, id) in new[] { (first, 100L), (copy, 101L) })
        {
            marking.Mark(item);
            item.Event.Id = id;
            marking.Remember(item);
        }
        Assert.Equal(100, copy.Event.DuplicateOf);
        Assert.Equal(1, marking.Marked);

        marking.RolledBack();
        marking.Mark(first);
        Assert.Null(first.Event.DuplicateOf);
        Assert.Equal(0, marking.Marked);
    }

    private static IngestItem Item(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new IngestItem(new HookEvent { Method = "publishStream", ReceivedAtMs = 1_000 }, bytes, null, 0, null, null)
        {
            DuplicateKey = DuplicateTracker.KeyOf("publishStream", bytes),
        };
    }
}
