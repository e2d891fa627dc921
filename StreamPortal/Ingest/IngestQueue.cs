using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace StreamPortal.Ingest;

/// <summary>The bounded channel between hook requests (many writers) and the one batch writer.</summary>
public sealed class IngestQueue(IOptions<IngestOptions> options, IngestMetrics metrics)
{
    private readonly Channel<IngestItem> _channel = Channel.CreateBounded<IngestItem>(
        new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly TimeSpan _maxWait = TimeSpan.FromMilliseconds(options.Value.MaxQueueWaitMs);

    public ChannelReader<IngestItem> Reader => _channel.Reader;

    /// <summary>Hooks queued and not yet taken by the writer.</summary>
    public int Count => _channel.Reader.Count;

    public int Capacity => options.Value.QueueCapacity;

    /// <summary>Queues the item and waits for its commit; returns the stored event id.</summary>
    /// <exception cref="StoreUnavailableException">The queue stayed full for MaxQueueWaitMs: the hook is shed.</exception>
    /// <remarks>
    /// Not async when the item fits at once (nearly always): the commit's own task is returned, with no state machine
    /// of its own around it. Not cancelled by the caller once queued: the hook will be stored, so the answer waits.
    /// </remarks>
    public Task<long> WriteAndCommitAsync(IngestItem item, CancellationToken cancellationToken) =>
        _channel.Writer.TryWrite(item) ? item.Committed : WriteWhenRoomAsync(item, cancellationToken);

    private async Task<long> WriteWhenRoomAsync(IngestItem item, CancellationToken cancellationToken)
    {
        await WaitForRoomAsync(item, cancellationToken);
        return await item.Committed;
    }

    private async Task WaitForRoomAsync(IngestItem item, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_maxWait);
        try
        {
            await _channel.Writer.WriteAsync(item, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Shed();
            // The queue drains at the writer's pace: by then a retry has a fair chance.
            throw new StoreUnavailableException(
                $"The portal is overloaded: the ingest queue stayed full ({options.Value.QueueCapacity} hooks) for {options.Value.MaxQueueWaitMs} ms " +
                $"({IngestOptions.Section}:{nameof(IngestOptions.MaxQueueWaitMs)}); the hook was not stored.", TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// Wakes the writer if it waits for hooks, so that it runs a chore (<see cref="WriterChores"/>): one item in the
    /// queue it already waits on, instead of a second wait beside it (a task and a WhenAny for every hook that found
    /// the writer idle). A full queue needs no wake: the writer is busy, and runs chores when the queue is empty.
    /// </summary>
    public void Wake() => _channel.Writer.TryWrite(IngestItem.Wake);

    public void Complete() => _channel.Writer.TryComplete();
}
