using StreamPortal.Simulator;

namespace StreamPortal.Components.Model;

/// <summary>
/// The Simulator page's logic: the form (the same parameters as the CLI and the API), starting and stopping a run,
/// and the run's view for the progress bar and the summary. Runs live in <see cref="SimulationRuns"/>, so leaving
/// the page does not stop one and coming back shows the latest.
/// </summary>
public sealed class SimulatorViewModel(SimulationRuns runs, Func<string?> selfUrl)
{
    public SimulatorViewModel(SimulationRuns runs, SelfHookUrl self) : this(runs, self.Get) { }

    /// <summary>The form's values; a blank URL means this portal's own /rest/sim.</summary>
    public sealed class Form
    {
        private static readonly SimulationOptions Defaults = new();
        public string? Url { get; set; }
        public int Sessions { get; set; } = Defaults.Sessions;
        public int PublishersPerSession { get; set; } = Defaults.PublishersPerSession;
        public int PlayersPerStream { get; set; } = Defaults.PlayersPerStream;
        public int Rate { get; set; } = Defaults.Rate;
        public int DurationSeconds { get; set; } = Defaults.DurationSeconds;
        public double FailShare { get; set; } = Defaults.FailShare;
        public int? Seed { get; set; }
    }

    public Form Values { get; } = new();

    /// <summary>Problems with the form, keyed as the API keys them (url, sessions, ...); or "run" when none could start.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public SimulationRun? Run { get; private set; }

    /// <summary>The run as last refreshed.</summary>
    public SimulationView? View { get; private set; }

    public bool Running => View?.State == SimulationState.Running;

    /// <summary>The Events page showing the simulator's hooks (appKey sim), live.</summary>
    public static string EventsUrl { get; } = ConsoleUrls.Events(new EventsState { AppKey = SimulationOptions.AppKey });

    /// <summary>Where a blank URL sends hooks.</summary>
    public string DefaultUrl => selfUrl() ?? "(this portal's /rest/sim)";

    /// <summary>Shows the latest run, if any (a run started earlier, here or through the API, is still followed).</summary>
    public void Load()
    {
        Run = runs.List().FirstOrDefault();
        Refresh();
    }

    public bool Start()
    {
        var options = new SimulationOptions
        {
            Url = string.IsNullOrWhiteSpace(Values.Url) ? selfUrl() ?? "" : Values.Url.Trim(),
            Sessions = Values.Sessions,
            PublishersPerSession = Values.PublishersPerSession,
            PlayersPerStream = Values.PlayersPerStream,
            Rate = Values.Rate,
            DurationSeconds = Values.DurationSeconds,
            FailShare = Values.FailShare,
            Seed = Values.Seed ?? Random.Shared.Next(),
        };
        var errors = options.Validate();
        if (errors.Count == 0 && runs.Start(options) is { } run)
        {
            Errors = new Dictionary<string, string[]>();
            Run = run;
            Refresh();
            return true;
        }
        if (errors.Count == 0) errors["run"] = [$"{SimulationRuns.MaxRunning} simulations are running already; stop one first."];
        Errors = errors;
        return false;
    }

    public void Stop() => Run?.Stop();

    /// <summary>Takes the run's current progress and summary; false once it is no longer running.</summary>
    public bool Refresh()
    {
        View = Run?.View();
        return Running;
    }

    public string? ErrorOf(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;
}
