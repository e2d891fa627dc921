namespace StreamPortal.Hosting;

/// <summary>
/// Work that must be done once before the portal serves anything (schema upgrade, first admin, caches loaded from
/// the database). Each feature registers its own with <see cref="StartupTaskServiceCollectionExtensions.AddStartupTask{T}"/>;
/// <see cref="StartupTaskRunner"/> runs them by <see cref="Stage"/>, and in registration order within a stage.
/// </summary>
public interface IStartupTask
{
    StartupStage Stage { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
