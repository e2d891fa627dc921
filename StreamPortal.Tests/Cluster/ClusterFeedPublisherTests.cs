using Microsoft.Extensions.Logging.Abstractions;
using StreamPortal.Cluster;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Cluster;

/// <summary>
/// The sending half of the cluster feed never holds up the writer: offering a batch only tries to queue it, the queue is
/// bounded, and batches are dropped (counted) while Redis is away or too slow, then sent again once it is back.
/// </summary>
public sealed class ClusterFeedPublisherTests
{
    private sealed class FakeSink : IClusterFeedSink
    {
        public volatile bool Connected = true;
        public TaskCompletionSource? Gate;
        public readonly List<ClusterFeedMessage> Sent = [];
        /// <summary>Completed when the loop first calls the sink (and is then held by <see cref="Gate"/>).</summary>
        public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsConnected => Connected;

        public async Task PublishAsync(byte[] message)
        {
            Entered.TrySetResult();
            if (Gate is { } gate) await gate.Task;
            lock (Sent) Sent.Add(ClusterFeedMessage.FromUtf8(message)!);
        }
    }

    private static CommittedBatch Batch(long id, bool remote = false) =>
        new([new EventSummary(id, id, "my_api", "connect", HookKind.Connect, null, $"s{id}", null, null, null, 200, null, null, 1, false, null)], [], [$"s{id}"])
        { Remote = remote };

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }

    [Fact]
    public async Task Batches_are_sent_with_their_origin_and_remote_or_empty_ones_are_not()
    {
        var sink = new FakeSink();
        var publisher = new ClusterFeedPublisher(sink, "me", "live-a", NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);

        publisher.Offer(Batch(1));
        publisher.Offer(Batch(2, remote: true));
        publisher.Offer(new CommittedBatch([], [], []));
        publisher.Offer(Batch(3));
        await WaitAsync(() => publisher.Published == 2);

        lock (sink.Sent)
        {
            Assert.All(sink.Sent, m => Assert.Equal("me", m.Origin));
            Assert.Equal([1L, 3L], sink.Sent.SelectMany(m => m.Events).Select(e => e.Id));
        }
        Assert.Equal(0, publisher.Dropped);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_slow_redis_fills_the_bounded_queue_and_the_rest_is_dropped_without_blocking_the_caller()
    {
        const int Capacity = 8;
        var sink = new FakeSink { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var publisher = new ClusterFeedPublisher(sink, "me", "live-a", NullLogger.Instance, Capacity);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);

        // The first batch is taken and held in the slow send; the next ones fill the queue.
        publisher.Offer(Batch(0));
        await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // On this thread, synchronously: were Offer to wait for the held send, the test would never get past it.
        for (var i = 1; i <= 100; i++) publisher.Offer(Batch(i));
        Assert.Equal(100 - Capacity, publisher.Dropped);

        sink.Gate.SetResult();
        await WaitAsync(() => publisher.Published == 1 + Capacity);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task While_redis_is_away_batches_are_dropped_at_once_and_sending_resumes_when_it_is_back()
    {
        var sink = new FakeSink { Connected = false };
        var publisher = new ClusterFeedPublisher(sink, "me", "live-a", NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);

        for (var i = 0; i < 50; i++) publisher.Offer(Batch(i));
        await WaitAsync(() => publisher.Dropped == 50);
        Assert.Empty(sink.Sent);

        sink.Connected = true;
        publisher.Offer(Batch(99));
        await WaitAsync(() => publisher.Published == 1);
        lock (sink.Sent) Assert.Equal(99, Assert.Single(Assert.Single(sink.Sent).Events).Id);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Batches_queued_together_travel_as_one_message()
    {
        var sink = new FakeSink { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var publisher = new ClusterFeedPublisher(sink, "me", "live-a", NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);
        publisher.Offer(Batch(0));
        await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 5; i++) publisher.Offer(Batch(i));

        sink.Gate.SetResult();
        await WaitAsync(() => publisher.Published == 6);
        lock (sink.Sent)
        {
            Assert.Equal(2, sink.Sent.Count);
            Assert.Equal([1L, 2, 3, 4, 5], sink.Sent[1].Events.Select(e => e.Id));
            Assert.Equal(5, sink.Sent[1].SessionIds.Count);
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
