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
            // Plain loops into collections sized once: this runs ten times a second under load, and LINQ's grouping
            // and growing sets made it 6.5 % of the portal's allocations under load (bench/RESULTS.md, "Fifteenth session").
            int eventCount = 0, streamCount = 0, sessionCount = 0;
            foreach (var b in all)
            {
                if (b.Remote) continue;
                eventCount += b.Events.Count;
                streamCount += b.StreamIds.Count;
                sessionCount += b.SessionIds.Count;
            }
            if (eventCount > 0)
            {
                var events = new List<EventSummary>(eventCount);
                var byApp = new Dictionary<string, List<EventSummary>>(StringComparer.Ordinal);
                var byName = new Dictionary<string, List<EventSummary>>(StringComparer.Ordinal);
                foreach (var b in all)
                {
                    if (b.Remote) continue;
                    foreach (var e in b.Events)
                    {
                        events.Add(e);
                        if (e.AppKey is { } appKey) Add(byApp, appKey, e);
                        if (e.Name is { } name) Add(byName, name, e);
                    }
                }
                await hub.Clients.Group(HooksHub.AllGroup).SendAsync(EventSummaries, events);
                foreach (var (appKey, list) in byApp) await hub.Clients.Group(HooksHub.AppGroup(appKey)).SendAsync(EventSummaries, list);
                foreach (var (name, list) in byName) await hub.Clients.Group(HooksHub.StreamGroup(name)).SendAsync(EventSummaries, list);
            }
            if (streamCount > 0) await hub.Clients.Group(HooksHub.AllGroup).SendAsync(StreamsChanged, Distinct(all, streamCount, b => b.StreamIds));
            if (sessionCount > 0) await hub.Clients.Group(HooksHub.AllGroup).SendAsync(SessionsChanged, Distinct(all, sessionCount, b => b.SessionIds));
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

    private static void Add(Dictionary<string, List<EventSummary>> groups, string key, EventSummary e)
    {
        if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
        list.Add(e);
    }

    /// <summary>The local batches' keys, each once, in the order first seen.</summary>
    private static List<string> Distinct(IReadOnlyList<CommittedBatch> all, int count, Func<CommittedBatch, IReadOnlyCollection<string>> keys)
    {
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        var distinct = new List<string>(count);
        foreach (var b in all)
        {
            if (b.Remote) continue;
            foreach (var key in keys(b)) if (seen.Add(key)) distinct.Add(key);
        }
        return distinct;
    }
}
