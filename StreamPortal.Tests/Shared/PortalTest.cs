using System.Reflection;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// A test class with its own portal on its own database, deleted after the class's tests: a SQLite file, or a
/// PostgreSQL database when the class is marked <see cref="OnPostgresAttribute"/>. Override <see cref="InitializeAsync"/>
/// to add settings (before the first client) or seed data.
/// </summary>
public abstract class PortalTest : IAsyncLifetime
{
    protected PortalTest() => Factory = new PortalFactory(StoreOf(GetType()));

    protected PortalFactory Factory { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public static PortalStore StoreOf(Type testClass) =>
        testClass.GetCustomAttribute<OnPostgresAttribute>() is null ? PortalStore.Sqlite : PortalStore.Postgres;
}
