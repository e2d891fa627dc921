using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StreamPortal.Wcs;

namespace StreamPortal.Simulator;

/// <summary>
/// Plays a <see cref="SimulationPlan"/> against a hook base URL the way WCS would: every publishing client with its
/// players runs its lifecycle concurrently with the others, each hook waits for the run's rate limiter and for one
/// of a few connections, and each answer is obeyed as WCS obeys it (docs/simulator.md). The HTTP client and the
/// clock are injected, so tests drive it against a fake handler or a real server, on real or fake time.
/// </summary>
public sealed class SimulationEngine(HttpClient http, TimeProvider time)
{
    /// <summary>Hooks in flight at once, across the run (WCS posts over a small pool of keep-alive connections).</summary>
    public const int MaxInFlight = 16;

    /// <summary>An HttpClient as WCS calls backends: its 15 s rest_request_timeout, bounded answers, pooled connections.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = MaxInFlight,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(15),
        MaxResponseContentBufferSize = 1 << 20,
    };

    /// <summary>Runs the whole plan; the tally shows progress meanwhile and is the summary at the end.</summary>
    /// <exception cref="OperationCanceledException">Stopped: the tally holds what was done.</exception>
    public async Task<SimulationSummary> RunAsync(SimulationOptions options, SimulationTally tally, CancellationToken ct)
    {
        if (options.Validate() is { Count: > 0 } errors)
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), nameof(options));
        var plan = SimulationPlan.Create(options);
        tally.Plan(plan.PlannedHooks);
        await using var limiter = new HookRateLimiter(options.Rate, time);
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var run = new Run(http, time, options, plan, tally, limiter, inFlight);
        await Task.WhenAll(plan.Groups.Select(g => Task.Run(() => run.GroupAsync(g, ct), ct)));
        tally.Finish();
        return tally.Summary();
    }

    /// <summary>One run's shared state; each group's lifecycle is sequential, groups run side by side.</summary>
    private sealed class Run(HttpClient http, TimeProvider time, SimulationOptions options, SimulationPlan plan, SimulationTally tally,
        HookRateLimiter limiter, SemaphoreSlim inFlight)
    {
        private readonly HookBodies _bodies = new(plan.NodeId);
        private readonly Uri _base = new(options.Url.TrimEnd('/') + "/");
        private readonly int _rounds = SimulationPlan.KeepAliveRounds(options.DurationSeconds);

        public async Task GroupAsync(PlannedGroup group, CancellationToken ct)
        {
            var publisher = await ConnectAsync(group.Publisher, ct);
            var streams = new List<LiveStream>();
            var players = new List<(SimulatedClient Client, LiveStream Stream)>();
            foreach (var publish in group.Publishes)
            {
                // A declined publisher never publishes: its players still come and find no stream.
                var published = new LiveStream(publish.Stream, publisher, null);
                if (publisher is not null)
                {
                    await StartAsync(publisher, published, ct);
                    streams.Add(published);
                }
                foreach (var planned in publish.Players)
                {
                    if (await ConnectAsync(planned.Session, ct) is not { } client) continue;
                    var played = new LiveStream(planned.Stream, client, published);
                    await StartAsync(client, played, ct);
                    streams.Add(played);
                    players.Add((client, played));
                }
            }
            await LiveAsync(streams, ct);
            foreach (var (client, stream) in players) await EndSessionAsync(client, [stream], ct);
            if (publisher is not null) await EndSessionAsync(publisher, streams.Where(s => s.Plan.Published).ToList(), ct);
        }

        /// <summary>connect; on 200 ESTABLISHED and the answer's restClientConfig kept; else WCS's FAILED and DISCONNECTED.</summary>
        private async Task<SimulatedClient?> ConnectAsync(PlannedSession session, CancellationToken ct)
        {
            var (status, answer) = await SendAsync(null, WcsMethod.Connect, _bodies.Connection(session), ct, readAnswer: true);
            if (status != 200)
            {
                await SendAsync(null, WcsMethod.ConnectionStatusEvent, _bodies.Declined(session, SessionStatus.Failed, WcsInfo.RestrictedAccess), ct);
                await SendAsync(null, WcsMethod.ConnectionStatusEvent, _bodies.Declined(session, SessionStatus.Disconnected, WcsInfo.RestrictedAccess), ct);
                tally.Session(SessionOutcome.Declined);
                return null;
            }
            var client = new SimulatedClient(session, SimulatedClient.ConfigOf(answer));
            await EventAsync(client, WcsMethod.ConnectionStatusEvent, _bodies.Connection(session, SessionStatus.Established), ct);
            return client;
        }

        /// <summary>publishStream/playStream (PENDING), then PUBLISHING/PLAYING or FAILED with WCS's reason.</summary>
        private async Task StartAsync(SimulatedClient client, LiveStream stream, CancellationToken ct)
        {
            var method = stream.Plan.Published ? WcsMethod.PublishStream : WcsMethod.PlayStream;
            var (status, _) = await SendAsync(client, method, _bodies.Request(client.Plan, stream.Plan), ct);
            string? failure =
                status != 200 && client.Fails(method) ? WcsInfo.RestrictedAccess
                : stream.Publisher is { Live: false } ? WcsInfo.StreamNotFound
                : !stream.Plan.StartsLive ? WcsInfo.Of(stream.Plan.Fault)
                : null;
            if (failure is not null)
            {
                await EndAsync(client, stream, StreamStatus.Failed, failure, ct);
                return;
            }
            var live = stream.Plan.Published ? StreamStatus.Publishing : StreamStatus.Playing;
            await EventAsync(client, WcsMethod.StreamStatusEvent, _bodies.Status(client.Plan, stream.Plan, live), ct);
            stream.Live = true;
        }

        /// <summary>
        /// The live phase: a round of keep-alives every duration/rounds; a stream whose media is lost in a round
        /// fails instead, and the players of a publisher that ends are stopped by WCS.
        /// </summary>
        private async Task LiveAsync(List<LiveStream> streams, CancellationToken ct)
        {
            var interval = TimeSpan.FromSeconds((double)options.DurationSeconds / _rounds);
            for (var round = 0; round < _rounds; round++)
            {
                if (interval > TimeSpan.Zero) await Task.Delay(interval, time, ct);
                foreach (var stream in streams)
                {
                    if (!stream.Live || stream.Client is not { } client) continue;
                    if (stream.Publisher is { Live: false })
                        await EndAsync(client, stream, StreamStatus.Stopped, WcsInfo.StoppedByPublisherStop, ct);
                    else if (stream.Plan.Fault == StreamFault.MediaLost && stream.Plan.FaultRound == round)
                        await EndAsync(client, stream, StreamStatus.Failed, WcsInfo.RtpActivity, ct);
                    else
                        await KeepAliveAsync(client, stream, ct);
                }
            }
        }

        private async Task KeepAliveAsync(SimulatedClient client, LiveStream stream, CancellationToken ct)
        {
            var live = stream.Plan.Published ? StreamStatus.Publishing : StreamStatus.Playing;
            var (status, _) = await SendAsync(client, WcsMethod.StreamKeepAliveEvent, _bodies.Status(client.Plan, stream.Plan, live), ct);
            if (status == 200 || !client.Fails(WcsMethod.StreamKeepAliveEvent)) return;
            // The one event whose refusal acts: 403 to a keep-alive under FAIL stops the stream.
            if (status == 403) await EndAsync(client, stream, StreamStatus.Failed, WcsInfo.TerminatedByKeepAlive, ct);
            else tally.ErrorEvent();
        }

        /// <summary>A client leaves: it stops its live streams and disconnects, or drops and WCS ends them for it.</summary>
        private async Task EndSessionAsync(SimulatedClient client, IReadOnlyList<LiveStream> streams, CancellationToken ct)
        {
            foreach (var stream in streams.Where(s => s.Live))
            {
                if (client.Plan.Drops)
                {
                    await EndAsync(client, stream, SimulationTally.Ended(stream.Plan), WcsInfo.StoppedBySessionDisconnect, ct);
                    continue;
                }
                // Refusing a stop achieves nothing (wcs-hooks.md): the stream ends whatever the answer.
                var method = stream.Plan.Published ? WcsMethod.UnPublishStream : WcsMethod.StopStream;
                await SendAsync(client, method, _bodies.Stop(client.Plan, stream.Plan), ct);
                await EndAsync(client, stream, SimulationTally.Ended(stream.Plan), WcsInfo.StoppedByUser, ct);
            }
            await EventAsync(client, WcsMethod.ConnectionStatusEvent, _bodies.Connection(client.Plan, SessionStatus.Disconnected), ct);
            tally.Session(client.Plan.Drops ? SessionOutcome.Dropped : SessionOutcome.Completed);
        }

        private async Task EndAsync(SimulatedClient client, LiveStream stream, string status, string info, CancellationToken ct)
        {
            stream.Live = false;
            await EventAsync(client, WcsMethod.StreamStatusEvent, _bodies.Status(client.Plan, stream.Plan, status, info), ct);
            tally.Stream(status);
        }

        /// <summary>An event: an error answer forbids nothing; under FAIL the client receives an ErrorEvent.</summary>
        private async Task EventAsync(SimulatedClient client, string method, JsonObject body, CancellationToken ct)
        {
            var (status, _) = await SendAsync(client, method, body, ct);
            if (status != 200 && client.Fails(method)) tally.ErrorEvent();
        }

        /// <summary>Posts one hook as WCS does; status 0 when no answer came. restPolicy DISABLE sends nothing (200 as far as the client is concerned).</summary>
        private async Task<(int Status, string? Answer)> SendAsync(SimulatedClient? client, string method, JsonObject body,
            CancellationToken ct, bool readAnswer = false)
        {
            if (client is not null)
            {
                if (client.Skips(method)) return (200, null);
                foreach (var field in client.Excluded(method)) body.Remove(field);
            }
            await limiter.WaitAsync(ct);
            await inFlight.WaitAsync(ct);
            int status;
            string? answer = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, method))
                {
                    Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
                };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=UTF-8");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Java", "1.8.0_111"));
                using var response = await http.SendAsync(request, ct);
                status = (int)response.StatusCode;
                if (readAnswer && status == 200) answer = await response.Content.ReadAsStringAsync(ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // No answer in time or no connection: an interaction error, as WCS counts it.
                status = 0;
            }
            finally
            {
                inFlight.Release();
            }
            tally.Hook(method, status);
            return (status, answer);
        }
    }

    /// <summary>A stream as the run follows it: live between its PUBLISHING/PLAYING and its end.</summary>
    private sealed class LiveStream(PlannedStream plan, SimulatedClient? client, LiveStream? publisher)
    {
        public PlannedStream Plan { get; } = plan;
        /// <summary>The client that publishes or plays it; null for the stream of a publisher whose connect was declined.</summary>
        public SimulatedClient? Client { get; } = client;
        /// <summary>For a played stream, the published one it plays (null for a publish).</summary>
        public LiveStream? Publisher { get; } = publisher;
        public bool Live { get; set; }
    }
}
