namespace StreamPortal.Tests.Shared;

/// <summary>
/// A test that needs the PostgreSQL test server itself (not a store contract test, see <see cref="StoreFactAttribute"/>):
/// skipped with the fix in the reason when none is configured, and run (so failing) when <see cref="PostgresServer"/>
/// says one is required.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason) Skip = reason;
    }
}
