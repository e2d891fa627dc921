using Microsoft.AspNetCore.SignalR;

namespace StreamPortal.Live;

/// <summary>Relays the committed-batch feed to the hub's groups, coalesced so that a burst becomes a few messages.</summary>
public sealed class HubRelay(HookFeed feed, IHubContext<HooksHub> hub, ILogger<HubRelay> logger) : IHostedService
{
    public const string EventSummaries = "eventSummaries";
    public const string StreamsChanged = "streamsChanged";
    public const string SessionsChanged = "sessionsChanged";

    private ThrottledSubscription? _subscription;
    /// <summary>Whether the last relay failed; two relays overlapping can cost one extra log line, nothing more.</summary>
    private bool _failing;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = new ThrottledSubscription(feed, RelayAsync, TimeSpan.FromMilliseconds(100));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    internal async Task RelayAsync(IReadOnlyList<CommittedBatch> all)
    {
        try
        {
            // Another instance's batches reach this hub's clients through the backplane, sent by that instance's relay.
            var batches = all.Where(b => !b.Remote).ToList();
            var events = batches.SelectMany(b => b.Events).ToList();
            if (events.Count > 0)
            {
                await hub.Clients.Group(HooksHub.AllGroup).SendAsync(EventSummaries, events);
                foreach (var byApp in events.Where(e => e.AppKey is not null).GroupBy(e => e.AppKey!))
                    await hub.Clients.Group(HooksHub.AppGroup(byApp.Key)).SendAsync(EventSummaries, byApp.ToList());
                foreach (var byName in events.Where(e => e.Name is not null).GroupBy(e => e.Name!))
                    await hub.Clients.Group(HooksHub.StreamGroup(byName.Key)).SendAsync(EventSummaries, byName.ToList());
            }
            var streams = batches.SelectMany(b => b.StreamIds).Distinct().ToList();
            if (streams.Count > 0) await hub.Clients.Group(HooksHub.AllGroup).SendAsync(StreamsChanged, streams);
            var sessions = batches.SelectMany(b => b.SessionIds).Distinct().ToList();
            if (sessions.Count > 0) await hub.Clients.Group(HooksHub.AllGroup).SendAsync(SessionsChanged, sessions);
            _failing = false;
        }
        catch (Exception ex)
        {
            // Once per outage (the Redis backplane away fails every relay until it is back), not ten times a second.
            if (_failing) return;
            _failing = true;
            logger.LogWarning(ex, "Relaying a live batch to the hub failed; further failures are not logged until a relay succeeds.");
        }
    }
}
