using System.Diagnostics;

namespace StreamPortal.Hosting;

/// <summary>
/// Runs every <see cref="IStartupTask"/> once, in <see cref="IHostedLifecycleService.StartingAsync"/>: the host calls
/// that before any hosted service's StartAsync, and WebApplication starts the server from a hosted service it
/// registers last. So no request is served, and no background service (ingest writer, storage maintenance,
/// retention) opens the database, before every task has finished; a task that fails stops the start.
/// </summary>
public sealed class StartupTaskRunner(IEnumerable<IStartupTask> tasks, ILogger<StartupTaskRunner> logger) : IHostedLifecycleService
{
    /// <summary>Runs the tasks stage by stage (OrderBy is stable: registration order within a stage).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var task in tasks.OrderBy(t => t.Stage))
        {
            var started = Stopwatch.GetTimestamp();
            await task.RunAsync(cancellationToken);
            // Start time is a measured target (README, Benchmarks): say which task took it.
            logger.LogDebug("Start task {Task} ({Stage}) took {Milliseconds:F1} ms.", task.GetType().Name, task.Stage,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
