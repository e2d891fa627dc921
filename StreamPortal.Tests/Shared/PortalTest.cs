namespace StreamPortal.Tests.Shared;

/// <summary>
/// A test class with its own portal on its own SQLite file, deleted after the class's tests. Override
/// <see cref="InitializeAsync"/> to add settings (before the first client) or seed data.
/// </summary>
public abstract class PortalTest : IAsyncLifetime
{
    protected PortalFactory Factory { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
