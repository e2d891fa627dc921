using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace StreamPortal.Ingest;

/// <summary>The bounded channel between hook requests (many writers) and the one batch writer.</summary>
public sealed class IngestQueue(IOptions<IngestOptions> options)
{
    private readonly Channel<IngestItem> _channel = Channel.CreateBounded<IngestItem>(
        new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    public ChannelReader<IngestItem> Reader => _channel.Reader;

    /// <summary>Queues the item and waits for its commit; returns the stored event id.</summary>
    public async Task<long> WriteAndCommitAsync(IngestItem item, CancellationToken cancellationToken)
    {
        await _channel.Writer.WriteAsync(item, cancellationToken);
        // Not cancelled by the caller: once queued the hook will be stored, so the answer must wait for it.
        return await item.Committed;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
