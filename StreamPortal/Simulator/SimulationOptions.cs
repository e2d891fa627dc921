namespace StreamPortal.Simulator;

/// <summary>
/// What one simulated run does: how many publishing clients, their streams and players, how fast and how long.
/// Shared by the CLI, the API and the console page, so that all three accept and refuse the same values.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Hook base URL: hooks go to <c>{Url}/{method}</c>, as WCS posts to its application URL.</summary>
    public string Url { get; init; } = "";

    /// <summary>Publishing client sessions (each player has a session of its own on top).</summary>
    public int Sessions { get; init; } = 5;
    public int PublishersPerSession { get; init; } = 1;
    public int PlayersPerStream { get; init; } = 2;

    /// <summary>Hooks per second across the whole run (a token bucket).</summary>
    public int Rate { get; init; } = 50;

    /// <summary>How long streams stay live (keep-alives flow meanwhile); 0 ends them right after they start.</summary>
    public int DurationSeconds { get; init; } = 10;

    /// <summary>Share of streams that fail and, separately, of clients that drop without unpublishing.</summary>
    public double FailShare { get; init; } = 0.1;

    /// <summary>Seed of the plan: the same seed plans the same sessions, ids, names and faults.</summary>
    public int Seed { get; init; }

    /// <summary>The appKey every body carries (and the app segment of the default URL).</summary>
    public const string AppKey = "sim";

    // Maxima: a run is bounded in clients, hooks per second and time, whoever starts it.
    public const int MaxSessions = 500, MaxPublishersPerSession = 10, MaxPlayersPerStream = 20, MaxRate = 2000,
        MaxDurationSeconds = 3600, MaxUrlLength = 2000;

    /// <summary>Clients (publisher and player sessions together) a run may plan at most.</summary>
    public const int MaxClients = 5000;

    /// <summary>Publisher plus player sessions this run plans.</summary>
    public long Clients => Sessions + (long)Sessions * PublishersPerSession * PlayersPerStream;

    /// <summary>Every problem with these values, keyed by the parameter's (camelCase) name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string key, string message) => errors[key] = errors.TryGetValue(key, out var e) ? [.. e, message] : [message];
        void Range(string key, long value, long min, long max)
        {
            if (value < min || value > max) Add(key, $"{value} is not from {min} to {max}.");
        }
        if (UrlProblem(Url) is { } problem) Add("url", problem);
        Range("sessions", Sessions, 1, MaxSessions);
        Range("publishersPerSession", PublishersPerSession, 1, MaxPublishersPerSession);
        Range("playersPerStream", PlayersPerStream, 0, MaxPlayersPerStream);
        Range("rate", Rate, 1, MaxRate);
        Range("durationSeconds", DurationSeconds, 0, MaxDurationSeconds);
        if (double.IsNaN(FailShare) || FailShare < 0 || FailShare > 1) Add("failShare", $"{FailShare} is not from 0 to 1.");
        if (!errors.ContainsKey("sessions") && !errors.ContainsKey("publishersPerSession") && !errors.ContainsKey("playersPerStream")
            && Clients > MaxClients)
            Add("sessions", $"sessions × (1 + publishersPerSession × playersPerStream) is {Clients} clients; at most {MaxClients}.");
        return errors;
    }

    /// <summary>
    /// Only absolute http and https URLs: the simulator posts to whatever it is given, so a URL is the one thing
    /// that points it elsewhere (file:, ftp: and relative URLs are refused rather than guessed at).
    /// </summary>
    public static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "A hook base URL is required, e.g. http://127.0.0.1:5022/rest/sim.";
        if (url.Length > MaxUrlLength) return $"The URL is longer than {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return $"'{url}' is not an absolute http or https URL.";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0) return "The hook base URL takes no query or fragment (the method name is appended to its path).";
        return null;
    }
}
