using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Anomalies;
using StreamPortal.Live;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Cluster;

/// <summary>
/// Every instance of a cluster sees every committed batch, but only the one holding the anomalies lease looks at them:
/// an anomaly made of hooks answered by two instances is found once, not once per instance.
/// </summary>
public sealed class ClusterAnomaliesTests
{
    [ClusterFact]
    public async Task One_instance_finds_the_anomalies_of_hooks_answered_by_both_and_each_is_stored_once()
    {
        await using var pair = await ClusterPair.StartAsync();
        var detectors = new[] { pair.A, pair.B }.Select(i => i.Services.GetRequiredService<AnomalyDetector>()).ToArray();
        await ClusterPair.WaitUntilAsync(() => detectors.Count(d => d.InCharge) == 1, TimeSpan.FromSeconds(20), "one instance in charge of anomalies");
        var leader = detectors[0].InCharge ? pair.A : pair.B;

        // What the leader's feed has delivered (its own batches and the other instance's, through Redis).
        var seen = new ConcurrentBag<(string? MediaSessionId, string? Status)>();
        using var _ = leader.Services.GetRequiredService<HookFeed>().Subscribe(b =>
        {
            foreach (var e in b.Events) seen.Add((e.MediaSessionId, e.Status));
        });

        var (session, stream) = ($"s-{Guid.NewGuid():N}", $"m-{Guid.NewGuid():N}");
        var a = pair.A.CreateClient();
        var b = pair.B.CreateClient();
        await a.PostHookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "late-c", StreamStatus.Publishing));
        await a.PostHookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "late-c", StreamStatus.Unpublished));
        // The end must reach the leader before the late hook does, as it would have on one instance.
        await ClusterPair.WaitUntilAsync(() => seen.Contains((stream, StreamStatus.Unpublished)), TimeSpan.FromSeconds(10), "the end in the leader's feed");
        var late = await b.PostHookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "late-c", StreamStatus.Publishing));
        Assert.Equal(200, (int)late.StatusCode);
        await ClusterPair.WaitUntilAsync(() => seen.Count(s => s == (stream, StreamStatus.Publishing)) == 2, TimeSpan.FromSeconds(10), "the late hook in the leader's feed");

        foreach (var detector in detectors) await detector.FlushAsync(CancellationToken.None);
        var stored = await pair.A.CreateApiClient().GetItemsAsync($"/api/anomalies?pageSize=500&kind={AnomalyKind.LateHook}");
        var anomaly = Assert.Single(stored);
        Assert.Equal(stream, anomaly!["subject"]!.GetValue<string>());
    }
}
