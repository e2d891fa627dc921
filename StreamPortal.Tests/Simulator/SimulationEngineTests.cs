using System.Text.Json.Nodes;
using StreamPortal.Simulator;

namespace StreamPortal.Tests.Simulator;

/// <summary>The engine against an in-memory backend: what it sends, and how it obeys answers as WCS does.</summary>
public sealed class SimulationEngineTests
{
    private static SimulationOptions Options(int sessions = 3, int publishers = 2, int players = 2, double failShare = 0, int seed = 7) => new()
    {
        Url = "http://backend.test/rest/sim",
        Sessions = sessions,
        PublishersPerSession = publishers,
        PlayersPerStream = players,
        Rate = SimulationOptions.MaxRate,
        DurationSeconds = 0,
        FailShare = failShare,
        Seed = seed,
    };

    private static async Task<(FakeWcsBackend Backend, SimulationSummary Summary)> RunAsync(SimulationOptions options, Action<FakeWcsBackend>? setup = null)
    {
        var backend = new FakeWcsBackend();
        setup?.Invoke(backend);
        using var http = backend.Client();
        var summary = await new SimulationEngine(http, TimeProvider.System).RunAsync(options, new SimulationTally(), default);
        return (backend, summary);
    }

    [Fact]
    public void The_same_seed_plans_the_same_run_and_another_seed_another()
    {
        var options = Options(sessions: 20, failShare: 0.3);
        Assert.Equal(Describe(SimulationPlan.Create(options)), Describe(SimulationPlan.Create(options)));
        Assert.NotEqual(Describe(SimulationPlan.Create(options)), Describe(SimulationPlan.Create(options with { Seed = 8 })));

        static string Describe(SimulationPlan plan) => System.Text.Json.JsonSerializer.Serialize(plan);
    }

    [Fact]
    public async Task A_clean_run_sends_full_lifecycles_with_realistic_bodies_and_exactly_the_planned_hooks()
    {
        var options = Options();
        var (backend, summary) = await RunAsync(options);

        Assert.Equal(SimulationPlan.Create(options).PlannedHooks, summary.HooksSent);
        Assert.Equal(summary.HooksSent, backend.Hooks.Count);
        Assert.Equal(3 + 3 * 2 * 2, summary.SessionsByOutcome[SessionOutcome.Completed]);
        Assert.Equal(new Dictionary<string, int> { ["STOPPED"] = 12, ["UNPUBLISHED"] = 6 }, summary.StreamsByOutcome);
        Assert.Equal(summary.HooksSent, summary.AnswersByStatus["200"]);
        Assert.Equal(["PUBLISHING", "UNPUBLISHED"], backend.StatusesOf("sim-1-1", published: true));
        Assert.Equal(["PLAYING", "PLAYING", "STOPPED", "STOPPED"], backend.StatusesOf("sim-1-1", published: false).Order());

        var connect = backend.Of("connect")[0].Body;
        foreach (var field in new[] { "nodeId", "appKey", "sessionId", "mediaProviders", "clientVersion", "clientOSVersion", "clientBrowserVersion", "origin", "custom" })
            Assert.True(connect.ContainsKey(field), field);
        Assert.Equal("sim", (string?)connect["appKey"]);
        var publish = backend.Of("publishStream")[0].Body;
        Assert.Equal("PENDING", (string?)publish["status"]);
        Assert.Contains("a=sendonly", (string)publish["sdp"]!);
        Assert.True(backend.Of("StreamKeepAliveEvent").Count >= 18);
        // Every stop names the stream's live status, and every end says why.
        Assert.All(backend.Of("unPublishStream"), h => Assert.Equal("PUBLISHING", (string?)h.Body["status"]));
        Assert.All(backend.Of("StreamStatusEvent").Where(h => (string?)h.Body["status"] is "UNPUBLISHED" or "STOPPED"),
            h => Assert.Equal(WcsInfo.StoppedByUser, (string?)h.Body["info"]));
    }

    [Fact]
    public async Task Faults_and_drops_end_streams_with_WCS_info_texts_and_the_plan_still_counts_every_hook()
    {
        var options = Options(sessions: 30, failShare: 0.4, seed: 11);
        var (backend, summary) = await RunAsync(options);

        Assert.Equal(SimulationPlan.Create(options).PlannedHooks, summary.HooksSent);
        Assert.True(summary.SessionsByOutcome[SessionOutcome.Dropped] > 0);
        Assert.True(summary.StreamsByOutcome["FAILED"] > 0);
        var infos = backend.Of("StreamStatusEvent").Select(h => (string?)h.Body["info"]).OfType<string>().ToHashSet();
        Assert.Contains(WcsInfo.StoppedBySessionDisconnect, infos);
        Assert.Contains(WcsInfo.IceTimeout, infos);
        // A dropped client sends no unPublishStream/stopStream: its streams' ends come from WCS alone.
        var dropped = backend.Of("StreamStatusEvent").Where(h => (string?)h.Body["info"] == WcsInfo.StoppedBySessionDisconnect)
            .Select(h => (string)h.Body["mediaSessionId"]!).ToHashSet();
        Assert.DoesNotContain(backend.Hooks, h => h.Method is "unPublishStream" or "stopStream" && dropped.Contains((string)h.Body["mediaSessionId"]!));
        // Every stream ends exactly once.
        var ends = backend.Of("StreamStatusEvent").Where(h => (string?)h.Body["status"] is "UNPUBLISHED" or "STOPPED" or "FAILED")
            .GroupBy(h => (string)h.Body["mediaSessionId"]!);
        Assert.All(ends, g => Assert.Single(g));
        Assert.Equal(summary.StreamsByOutcome.Values.Sum(), ends.Count());
    }

    [Fact]
    public async Task A_declined_connect_gets_FAILED_then_DISCONNECTED_with_only_the_five_fields_and_nothing_more()
    {
        var (backend, summary) = await RunAsync(Options(sessions: 2, players: 1), b =>
            b.Answer = (method, body) => method == "connect" && (string?)body["custom"]?["login"] == "pub-2" ? (403, null) : null);

        Assert.Equal(1, summary.SessionsByOutcome[SessionOutcome.Declined]);
        var declinedId = (string)backend.Of("connect").Single(h => (string?)h.Body["custom"]!["login"] == "pub-2").Body["sessionId"]!;
        var after = backend.Hooks.Where(h => (string?)h.Body["sessionId"] == declinedId && h.Method != "connect").ToList();
        Assert.Equal(["FAILED", "DISCONNECTED"], after.Select(h => (string)h.Body["status"]!));
        Assert.All(after, h => Assert.Equal(["appKey", "info", "nodeId", "sessionId", "status"], h.Body.Select(p => p.Key).Order()));
        // Its streams never existed, so its players find none.
        Assert.Equal(["FAILED"], backend.StatusesOf("sim-2-1", published: false));
        Assert.Empty(backend.StatusesOf("sim-2-1", published: true));
        Assert.All(backend.Of("StreamStatusEvent").Where(h => (string?)h.Body["name"] == "sim-2-1"),
            h => Assert.Equal(WcsInfo.StreamNotFound, (string?)h.Body["info"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_publish_fails_the_stream_only_under_restOnError_FAIL(bool fail)
    {
        var (backend, summary) = await RunAsync(Options(sessions: 2, publishers: 1, players: 1), b => b.Answer = (method, body) =>
            method == "connect" && fail ? (200, FakeWcsBackend.FailFor("publishStream"))
            : method == "publishStream" && (string?)body["name"] == "sim-1-1" ? (403, null)
            : null);

        if (fail)
        {
            Assert.Equal(["FAILED"], backend.StatusesOf("sim-1-1", published: true));
            Assert.Equal(WcsInfo.RestrictedAccess, (string?)backend.Of("StreamStatusEvent").First(h => (string?)h.Body["name"] == "sim-1-1").Body["info"]);
            Assert.Equal(["FAILED"], backend.StatusesOf("sim-1-1", published: false));
            Assert.Equal(2, summary.StreamsByOutcome["FAILED"]);
        }
        else
        {
            Assert.Equal(["PUBLISHING", "UNPUBLISHED"], backend.StatusesOf("sim-1-1", published: true));
            Assert.False(summary.StreamsByOutcome.ContainsKey("FAILED"));
        }
        Assert.Equal(["PUBLISHING", "UNPUBLISHED"], backend.StatusesOf("sim-2-1", published: true));
        Assert.Equal(1, summary.AnswersByStatus["403"]);
    }

    [Fact]
    public async Task An_error_answer_to_an_event_under_FAIL_counts_an_ErrorEvent_and_forbids_nothing()
    {
        var (backend, summary) = await RunAsync(Options(sessions: 1, publishers: 1, players: 0), b => b.Answer = (method, body) =>
            method == "connect" ? (200, FakeWcsBackend.FailFor("StreamStatusEvent"))
            : method == "StreamStatusEvent" ? (500, null)
            : null);

        Assert.Equal(["PUBLISHING", "UNPUBLISHED"], backend.StatusesOf("sim-1-1", published: true));
        Assert.Equal(2, summary.ErrorEvents);
        Assert.Equal(2, summary.AnswersByStatus["500"]);
    }

    [Fact]
    public async Task The_connect_answer_s_restExclude_and_DISABLE_shape_later_hooks_of_that_session()
    {
        var config = new JsonObject
        {
            ["restClientConfig"] = new JsonObject
            {
                ["publishStream"] = new JsonObject { ["restExclude"] = "sdp,custom" },
                ["StreamKeepAliveEvent"] = new JsonObject { ["restPolicy"] = "DISABLE" },
            },
        };
        var (backend, _) = await RunAsync(Options(sessions: 1, publishers: 1, players: 0), b =>
            b.Answer = (method, _) => method == "connect" ? (200, config) : null);

        var publish = Assert.Single(backend.Of("publishStream")).Body;
        Assert.False(publish.ContainsKey("sdp"));
        Assert.False(publish.ContainsKey("custom"));
        Assert.Empty(backend.Of("StreamKeepAliveEvent"));
    }

    [Fact]
    public async Task A_stopped_run_ends_promptly_with_what_it_sent()
    {
        var backend = new FakeWcsBackend();
        using var http = backend.Client();
        var tally = new SimulationTally();
        using var stop = new CancellationTokenSource();
        var run = new SimulationEngine(http, TimeProvider.System).RunAsync(Options(sessions: 5) with { Rate = 20, DurationSeconds = 60 }, tally, stop.Token);
        while (tally.Sent < 5) await Task.Delay(20);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(backend.Hooks.Count, tally.Summary().HooksSent);
        Assert.True(tally.Progress < 1);
    }

    [Theory]
    [InlineData("ftp://x/rest/sim", "url")]
    [InlineData("/rest/sim", "url")]
    [InlineData("http://x/rest/sim?a=1", "url")]
    public void Options_refuse_what_is_not_an_http_hook_base(string url, string key) =>
        Assert.Contains(key, (Options() with { Url = url }).Validate().Keys);

    [Fact]
    public void Options_refuse_values_beyond_their_maxima_naming_each()
    {
        var errors = (Options() with
        {
            Sessions = SimulationOptions.MaxSessions + 1, PublishersPerSession = 0, PlayersPerStream = -1, Rate = 0,
            DurationSeconds = SimulationOptions.MaxDurationSeconds + 1, FailShare = 1.5,
        }).Validate();
        Assert.Equal(["durationSeconds", "failShare", "playersPerStream", "publishersPerSession", "rate", "sessions"], errors.Keys.Order());
        Assert.Contains("sessions", (Options() with { Sessions = 400, PublishersPerSession = 10, PlayersPerStream = 20 }).Validate().Keys);
    }
}
