namespace StreamPortal.Simulator;

/// <summary>The states a run goes through; only <see cref="Running"/> changes.</summary>
public enum SimulationState
{
    Running,
    Completed,
    Stopped,
    Failed,
}

/// <summary>One run started from the API or the console, kept in memory by <see cref="SimulationRuns"/>.</summary>
public sealed class SimulationRun
{
    private readonly CancellationTokenSource _stop = new();

    internal SimulationRun(string id, SimulationOptions options, DateTimeOffset startedAt)
    {
        Id = id;
        Options = options;
        StartedAt = startedAt;
    }

    public string Id { get; }
    public SimulationOptions Options { get; }
    public SimulationTally Tally { get; } = new();
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public SimulationState State { get; private set; } = SimulationState.Running;
    public string? Error { get; private set; }

    /// <summary>Completes when the run has ended, whichever way.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    internal CancellationToken StopToken => _stop.Token;

    internal void Attach(Task completion) => Completion = completion;

    /// <summary>Asks the run to stop; it ends <see cref="SimulationState.Stopped"/> with what it did so far.</summary>
    public void Stop()
    {
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    internal void Finish(SimulationState state, DateTimeOffset at, string? error = null)
    {
        Error = error;
        FinishedAt = at;
        State = state;
        _stop.Dispose();
    }

    public SimulationView View() => new(Id, State, Math.Round(Tally.Progress, 4), Tally.Sent, Tally.Planned, Options, StartedAt,
        FinishedAt, Tally.Summary(), Error);
}

/// <summary>The API's and the console's picture of a run: progress is hooks sent / planned.</summary>
public sealed record SimulationView(
    string Id,
    SimulationState State,
    double Progress,
    int HooksSent,
    int HooksPlanned,
    SimulationOptions Options,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    SimulationSummary Summary,
    string? Error);
