namespace StreamPortal.Simulator;

/// <summary>
/// Everything a run will do, drawn up front from one seeded Random: the same options and seed give the same
/// sessions, ids, stream names, faults and drops (so a run can be repeated and a test can predict it). What the
/// backend answers can still cut a lifecycle short at run time; the plan assumes every answer is 200.
/// </summary>
public sealed record SimulationPlan(string NodeId, IReadOnlyList<PlannedGroup> Groups, int PlannedHooks)
{
    /// <summary>WCS's stream keep-alive period: a live stream sends one StreamKeepAliveEvent per period.</summary>
    public static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromSeconds(5);

    /// <summary>Keep-alive rounds while streams are live: one per period of the duration, at least one.</summary>
    public static int KeepAliveRounds(int durationSeconds) => Math.Max(1, (int)(durationSeconds / KeepAlivePeriod.TotalSeconds));

    private static readonly (string Os, string Browser)[] Clients =
    [
        ("5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
        ("5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"),
        ("5.0 (X11)", "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"),
    ];

    public static SimulationPlan Create(SimulationOptions options)
    {
        var random = new Random(options.Seed);
        var nodeId = Token(random, 32) + "@192.0.2.10";
        var rounds = KeepAliveRounds(options.DurationSeconds);
        var groups = new List<PlannedGroup>(options.Sessions);
        var hooks = 0;
        for (var g = 1; g <= options.Sessions; g++)
        {
            var publisher = Session(random, options, $"pub-{g}");
            var publishes = new List<PlannedPublish>(options.PublishersPerSession);
            for (var s = 1; s <= options.PublishersPerSession; s++)
            {
                var name = $"sim-{g}-{s}";
                var stream = Stream(random, options, name, published: true, rounds);
                var players = new List<PlannedPlayer>(options.PlayersPerStream);
                for (var p = 1; p <= options.PlayersPerStream; p++)
                {
                    var player = new PlannedPlayer(Session(random, options, $"viewer-{g}-{s}-{p}"), Stream(random, options, name, published: false, rounds));
                    players.Add(player);
                    hooks += SessionHooks + StreamHooks(player.Stream, player.Session, stream, rounds);
                }
                publishes.Add(new PlannedPublish(stream, players));
                hooks += StreamHooks(stream, publisher, null, rounds);
            }
            hooks += SessionHooks;
            groups.Add(new PlannedGroup(publisher, publishes));
        }
        return new SimulationPlan(nodeId, groups, hooks);
    }

    /// <summary>connect, ESTABLISHED and DISCONNECTED.</summary>
    private const int SessionHooks = 3;

    /// <summary>
    /// The request and its first status; then, while live, a keep-alive per round until the stream's end: FAILED in
    /// the round its own or its publisher's media is lost, else a stop request and its status (only the status when
    /// the client drops).
    /// </summary>
    private static int StreamHooks(PlannedStream stream, PlannedSession session, PlannedStream? publisher, int rounds)
    {
        if (!stream.StartsLive || publisher is { StartsLive: false }) return 2;
        return EndRound(stream, publisher) is { } round ? 2 + round + 1 : 2 + rounds + (session.Drops ? 1 : 2);
    }

    /// <summary>The keep-alive round in which a live stream ends on its own or with its publisher; null: it lives to the end.</summary>
    public static int? EndRound(PlannedStream stream, PlannedStream? publisher)
    {
        int? own = stream.Fault == StreamFault.MediaLost ? stream.FaultRound : null;
        int? theirs = publisher?.Fault == StreamFault.MediaLost ? publisher.FaultRound : null;
        return own is null ? theirs : theirs is null ? own : Math.Min(own.Value, theirs.Value);
    }

    private static PlannedSession Session(Random random, SimulationOptions options, string login)
    {
        var client = Clients[random.Next(Clients.Length)];
        return new PlannedSession(Uuid(random), login, client.Os, client.Browser, Drops: random.NextDouble() < options.FailShare);
    }

    private static PlannedStream Stream(Random random, SimulationOptions options, string name, bool published, int rounds)
    {
        var id = Uuid(random);
        if (random.NextDouble() >= options.FailShare) return new PlannedStream(id, name, published, StreamFault.None, 0);
        // A name clash only happens to a publisher; a player's stream fails on its media path.
        var kinds = published ? new[] { StreamFault.NoMedia, StreamFault.MediaLost, StreamFault.NameInUse } : [StreamFault.NoMedia, StreamFault.MediaLost];
        var fault = kinds[random.Next(kinds.Length)];
        return new PlannedStream(id, name, published, fault, fault == StreamFault.MediaLost ? random.Next(rounds) : 0);
    }

    /// <summary>A version-4 UUID from the seeded Random, so that ids repeat with the seed.</summary>
    private static string Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private static string Token(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[r.Next(alphabet.Length)];
        });
    }
}

/// <summary>One publishing client with its streams and, per stream, the clients that play it.</summary>
public sealed record PlannedGroup(PlannedSession Publisher, IReadOnlyList<PlannedPublish> Publishes);

public sealed record PlannedPublish(PlannedStream Stream, IReadOnlyList<PlannedPlayer> Players);

public sealed record PlannedPlayer(PlannedSession Session, PlannedStream Stream);

/// <summary>A client connection. <paramref name="Drops"/>: it vanishes without stopping its streams.</summary>
public sealed record PlannedSession(string SessionId, string Login, string ClientOsVersion, string ClientBrowserVersion, bool Drops);

/// <summary>One publish or play (a mediaSessionId) and the fault planned for it.</summary>
public sealed record PlannedStream(string MediaSessionId, string Name, bool Published, StreamFault Fault, int FaultRound)
{
    /// <summary>Whether WCS reports it live (PUBLISHING/PLAYING) after its request, the backend permitting.</summary>
    public bool StartsLive => Fault is StreamFault.None or StreamFault.MediaLost;
}

/// <summary>How a stream fails, each with WCS's own info text (see <see cref="WcsInfo"/>).</summary>
public enum StreamFault
{
    None,
    /// <summary>ICE never completes: FAILED right after PENDING.</summary>
    NoMedia,
    /// <summary>Media stops while live: FAILED in keep-alive round <see cref="PlannedStream.FaultRound"/>.</summary>
    MediaLost,
    /// <summary>Another publisher holds the name: FAILED right after PENDING.</summary>
    NameInUse,
}
