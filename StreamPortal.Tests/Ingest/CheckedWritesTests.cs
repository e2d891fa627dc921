using StreamPortal.Ingest;

namespace StreamPortal.Tests.Ingest;

/// <summary>When the PostgreSQL writer tries the one-round-trip way after failed checks.</summary>
public sealed class CheckedWritesTests
{
    [Fact]
    public void Each_failure_in_a_row_doubles_the_batches_skipped_up_to_the_cap_and_a_success_forgets_them()
    {
        var writes = new CheckedWrites();
        var skipped = new List<int>();
        for (var failure = 0; failure < 9; failure++)
        {
            Assert.True(writes.ShouldTry());
            writes.Failed();
            var skips = 0;
            while (!writes.ShouldTry()) skips++;
            skipped.Add(skips);
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 64, 64], skipped);
        Assert.Equal(CheckedWrites.MaxSkip, skipped[^1]);

        writes.Succeeded();
        writes.Failed();
        var afterSuccess = 0;
        while (!writes.ShouldTry()) afterSuccess++;
        Assert.Equal(1, afterSuccess);
        Assert.Equal(1, writes.Written);
        Assert.Equal(10, writes.Stale);
    }
}
