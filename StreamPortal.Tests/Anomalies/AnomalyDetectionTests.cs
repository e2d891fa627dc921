using System.Text.Json.Nodes;
using StreamPortal.Anomalies;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Anomalies;

/// <summary>
/// Each anomaly kind, through real hooks on the real app: it appears with the hooks that prove it, and resolves (kept
/// in the history) when the state heals. The clock is fake: thresholds are passed by moving it.
/// </summary>
public sealed class AnomalyDetectionTests : IAsyncLifetime
{
    private readonly AnomalyPortal _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static string Id() => Guid.NewGuid().ToString();

    private static JsonObject Node(JsonObject body, string node)
    {
        body["nodeId"] = node;
        return body;
    }

    private async Task<JsonObject> SingleAsync(string kind, string subject, bool? open = null)
    {
        var items = await _portal.AnomaliesAsync($"&kind={kind}&subject={Uri.EscapeDataString(subject)}" + (open is { } o ? $"&open={o.ToString().ToLowerInvariant()}" : ""));
        return Assert.Single(items)!.AsObject();
    }

    private static long[] EventIds(JsonObject a) => a["eventIds"]!.AsArray().Select(i => i!.GetValue<long>()).ToArray();

    /// <summary>A session with a publishing stream on a node; returns the ids of its PUBLISHING hook.</summary>
    private async Task<long> PublishAsync(string session, string stream, string name, string node = "node1@127.0.0.1")
    {
        await _portal.HookAsync(WcsMethod.Connect, Node(HookClient.ConnectionHook(session), node));
        await _portal.HookAsync(WcsMethod.ConnectionStatusEvent, Node(HookClient.ConnectionHook(session, SessionStatus.Established), node));
        return await _portal.HookAsync(WcsMethod.StreamStatusEvent, Node(HookClient.StreamHook(stream, session, name, StreamStatus.Publishing), node));
    }

    [Fact]
    public async Task A_stream_whose_keep_alives_stop_goes_stale_and_resolves_when_it_ends()
    {
        var (session, stream) = (Id(), Id());
        await PublishAsync(session, stream, "stale-a");
        var keepAlive = await _portal.HookAsync(KeepAlive.Method, HookClient.StreamHook(stream, session, "stale-a", StreamStatus.Publishing));
        // A stream that never had keep-alives is quiet by nature, not stale.
        var (quietSession, quiet) = (Id(), Id());
        await PublishAsync(quietSession, quiet, "quiet-a");

        await _portal.SettleAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(await _portal.AnomaliesAsync($"&kind={AnomalyKind.StaleStream}"));

        await _portal.SettleAsync(TimeSpan.FromSeconds(61));
        var stale = await SingleAsync(AnomalyKind.StaleStream, stream, open: true);
        Assert.Equal(AnomalySubject.Stream, stale["subjectType"]!.GetValue<string>());
        Assert.Equal([keepAlive], EventIds(stale));
        Assert.Contains("stale-a", stale["detail"]!.GetValue<string>());
        Assert.Null(stale["resolvedAt"]);

        var ended = HookClient.StreamHook(stream, session, "stale-a", StreamStatus.Unpublished);
        await _portal.HookAsync(WcsMethod.StreamStatusEvent, ended);
        await _portal.SettleAsync();
        var resolved = await SingleAsync(AnomalyKind.StaleStream, stream, open: false);
        Assert.NotNull(resolved["resolvedAt"]);
        Assert.Equal(stale["id"]!.GetValue<long>(), resolved["id"]!.GetValue<long>());
        Assert.Contains("Resolved:", resolved["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_established_session_without_hooks_goes_silent_and_resolves_when_it_disconnects()
    {
        var session = Id();
        await _portal.HookAsync(WcsMethod.Connect, HookClient.ConnectionHook(session));
        var established = await _portal.HookAsync(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Established));

        await _portal.SettleAsync(TimeSpan.FromMinutes(719));
        Assert.Empty(await _portal.AnomaliesAsync($"&kind={AnomalyKind.SilentSession}"));
        await _portal.SettleAsync(TimeSpan.FromMinutes(2));
        var silent = await SingleAsync(AnomalyKind.SilentSession, session, open: true);
        Assert.Equal([established], EventIds(silent));

        await _portal.HookAsync(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Disconnected));
        await _portal.SettleAsync();
        Assert.NotNull((await SingleAsync(AnomalyKind.SilentSession, session))["resolvedAt"]);
    }

    [Fact]
    public async Task Hooks_after_a_stream_ended_are_late_with_both_hooks_as_proof_and_resolve_when_they_stop()
    {
        var (session, stream) = (Id(), Id());
        await PublishAsync(session, stream, "late-a");
        var end = await _portal.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "late-a", StreamStatus.Unpublished));
        // A retried terminal status and a crossing unPublishStream are normal; a non-terminal status is not.
        await _portal.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "late-a", StreamStatus.Unpublished));
        await _portal.HookAsync(WcsMethod.UnPublishStream, HookClient.StreamHook(stream, session, "late-a", StreamStatus.Publishing));
        await _portal.SettleAsync();
        Assert.Empty(await _portal.AnomaliesAsync($"&kind={AnomalyKind.LateHook}"));

        var late = await _portal.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "late-a", StreamStatus.Publishing));
        await _portal.SettleAsync();
        var anomaly = await SingleAsync(AnomalyKind.LateHook, stream, open: true);
        Assert.Equal([end, late], EventIds(anomaly));
        Assert.Contains("Non-terminal status PUBLISHING", anomaly["detail"]!.GetValue<string>());

        await _portal.SettleAsync(TimeSpan.FromSeconds(121));
        Assert.NotNull((await SingleAsync(AnomalyKind.LateHook, stream))["resolvedAt"]);
    }

    [Fact]
    public async Task Hooks_after_a_session_disconnected_are_late()
    {
        var (session, stream) = (Id(), Id());
        await PublishAsync(session, stream, "late-b");
        var disconnect = await _portal.HookAsync(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Disconnected));
        // WCS closing what the session left open is normal.
        var cleanup = HookClient.StreamHook(stream, session, "late-b", StreamStatus.Unpublished);
        cleanup["info"] = "Stopped by session disconnect";
        await _portal.HookAsync(WcsMethod.StreamStatusEvent, cleanup);
        await _portal.SettleAsync();
        Assert.Empty(await _portal.AnomaliesAsync($"&kind={AnomalyKind.LateHook}"));

        var late = await _portal.HookAsync(WcsMethod.PublishStream, HookClient.StreamHook(Id(), session, "late-b2", StreamStatus.Pending));
        await _portal.SettleAsync();
        var anomaly = await SingleAsync(AnomalyKind.LateHook, session, open: true);
        Assert.Equal(AnomalySubject.Session, anomaly["subjectType"]!.GetValue<string>());
        Assert.Equal([disconnect, late], EventIds(anomaly));
    }

    [Fact]
    public async Task A_player_whose_publisher_ended_is_an_orphan_until_it_stops()
    {
        var (publisher, stream, player, playerStream) = (Id(), Id(), Id(), Id());
        await PublishAsync(publisher, stream, "orphan-a");
        await _portal.HookAsync(WcsMethod.Connect, HookClient.ConnectionHook(player));
        var playing = await _portal.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(playerStream, player, "orphan-a", StreamStatus.Playing, published: false));
        var unpublished = await _portal.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, publisher, "orphan-a", StreamStatus.Unpublished));
        // Within the grace WCS takes to stop the players itself: nothing yet.
        await _portal.SettleAsync(TimeSpan.FromSeconds(2));
        Assert.Empty(await _portal.AnomaliesAsync($"&kind={AnomalyKind.OrphanPlayer}"));

        await _portal.SettleAsync(TimeSpan.FromSeconds(AnomalySweep.OrphanGraceSeconds));
        var orphan = await SingleAsync(AnomalyKind.OrphanPlayer, playerStream, open: true);
        Assert.Equal([playing, unpublished], EventIds(orphan));

        await _portal.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(playerStream, player, "orphan-a", StreamStatus.Stopped, published: false));
        await _portal.SettleAsync();
        Assert.NotNull((await SingleAsync(AnomalyKind.OrphanPlayer, playerStream))["resolvedAt"]);
    }

    [Fact]
    public async Task A_busy_node_that_goes_silent_is_flagged_with_its_open_streams_and_resolves_when_it_speaks()
    {
        const string node = "silentNodeHash@198.51.100.7";
        var (session, stream) = (Id(), Id());
        await PublishAsync(session, stream, "node-a", node);
        var keepAlive = await _portal.HookAsync(KeepAlive.Method, Node(HookClient.StreamHook(stream, session, "node-a", StreamStatus.Publishing), node));

        await _portal.SettleAsync(TimeSpan.FromSeconds(121));
        var silent = await SingleAsync(AnomalyKind.SilentNode, node, open: true);
        Assert.Equal(AnomalySubject.Node, silent["subjectType"]!.GetValue<string>());
        Assert.Equal([keepAlive], EventIds(silent));
        Assert.Contains($"'node-a' PUBLISHING ({stream})", silent["detail"]!.GetValue<string>());

        await _portal.HookAsync(KeepAlive.Method, Node(HookClient.StreamHook(stream, session, "node-a", StreamStatus.Publishing), node));
        await _portal.SettleAsync();
        Assert.NotNull((await SingleAsync(AnomalyKind.SilentNode, node))["resolvedAt"]);
    }

    [Fact]
    public async Task A_refused_connect_followed_by_more_hooks_is_flagged_and_resolves_when_wcs_ends_the_session()
    {
        var session = Id();
        await _portal.RefuseConnectsOfAsync(session);
        var connect = await _portal.HookAsync(WcsMethod.Connect, HookClient.ConnectionHook(session), expected: 403);
        // What WCS does after a refusal: FAILED, then DISCONNECTED. No anomaly.
        await _portal.HookAsync(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Failed));
        await _portal.SettleAsync();
        Assert.Empty(await _portal.AnomaliesAsync($"&kind={AnomalyKind.RefusedThenActive}"));

        var publish = await _portal.HookAsync(WcsMethod.PublishStream, HookClient.StreamHook(Id(), session, "refused-a", StreamStatus.Pending));
        await _portal.SettleAsync();
        var anomaly = await SingleAsync(AnomalyKind.RefusedThenActive, session, open: true);
        Assert.Equal([connect, publish], EventIds(anomaly));
        // Reported once, as refused-then-active, not also as a late hook.
        Assert.Empty(await _portal.AnomaliesAsync($"&kind={AnomalyKind.LateHook}"));

        await _portal.HookAsync(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Disconnected));
        await _portal.SettleAsync();
        Assert.NotNull((await SingleAsync(AnomalyKind.RefusedThenActive, session))["resolvedAt"]);
    }

    [Fact]
    public async Task The_lifecycle_fixture_raises_no_anomaly_now_or_a_day_later()
    {
        foreach (var (_, method, body) in Fixtures.Lifecycle()) await _portal.HookAsync(method, body);
        await _portal.SettleAsync();
        Assert.Empty(await _portal.AnomaliesAsync());
        await _portal.SettleAsync(TimeSpan.FromSeconds(30));
        await _portal.SettleAsync(TimeSpan.FromHours(25));
        Assert.Empty(await _portal.AnomaliesAsync());
        Assert.All(_portal.Detector.Book.OpenCounts.Values, c => Assert.Equal(0, c));
    }

    [Fact]
    public async Task Open_anomalies_are_counted_per_kind_for_the_metric()
    {
        var (session, stream) = (Id(), Id());
        await PublishAsync(session, stream, "metric-a");
        await _portal.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "metric-a", StreamStatus.Failed));
        await _portal.HookAsync(KeepAlive.Method, HookClient.StreamHook(stream, session, "metric-a", StreamStatus.Publishing));
        await _portal.SettleAsync();
        Assert.Equal(1, _portal.Detector.Book.OpenCounts[AnomalyKind.LateHook]);
        Assert.Equal(0, _portal.Detector.Book.OpenCounts[AnomalyKind.StaleStream]);
    }
}
