namespace StreamPortal.Simulator;

/// <summary>
/// The runs started in this process (API and console), in memory: at most <see cref="MaxRunning"/> at once and
/// <see cref="MaxKept"/> in all, the oldest finished one forgotten to make room. Stopped with the host.
/// </summary>
public sealed class SimulationRuns(SimulationEngine engine, TimeProvider time, ILogger<SimulationRuns> logger) : IDisposable
{
    public const int MaxRunning = 2;
    public const int MaxKept = 20;

    private readonly Lock _lock = new();
    private readonly List<SimulationRun> _runs = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<SimulationRun> List()
    {
        lock (_lock) return _runs.AsEnumerable().Reverse().ToList();
    }

    public SimulationRun? Get(string id)
    {
        lock (_lock) return _runs.Find(r => r.Id == id);
    }

    /// <summary>Starts a run of valid options; null when <see cref="MaxRunning"/> runs are running already.</summary>
    public SimulationRun? Start(SimulationOptions options)
    {
        SimulationRun run;
        lock (_lock)
        {
            if (_runs.Count(r => r.State == SimulationState.Running) >= MaxRunning) return null;
            while (_runs.Count >= MaxKept && _runs.FindIndex(r => r.State != SimulationState.Running) is var oldest and >= 0)
                _runs.RemoveAt(oldest);
            run = new SimulationRun(Guid.NewGuid().ToString("N")[..12], options, time.GetUtcNow());
            _runs.Add(run);
        }
        run.Attach(Task.Run(() => RunAsync(run)));
        return run;
    }

    private async Task RunAsync(SimulationRun run)
    {
        try
        {
            await engine.RunAsync(run.Options, run.Tally, run.StopToken);
            run.Finish(SimulationState.Completed, time.GetUtcNow());
        }
        catch (OperationCanceledException)
        {
            run.Finish(SimulationState.Stopped, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            // A run is a tool's job beside the hooks: its failure is reported on the run, never thrown at the host.
            logger.LogError(ex, "Simulation {Id} failed", run.Id);
            run.Finish(SimulationState.Failed, time.GetUtcNow(), ex.Message);
        }
    }

    public void Dispose()
    {
        lock (_lock)
            foreach (var run in _runs) run.Stop();
    }
}
