namespace StreamPortal.Tests.Shared;

/// <summary>
/// A test of several instances joined through Redis on one PostgreSQL database: it needs both servers (see
/// <see cref="PostgresServer"/> and <see cref="RedisServer"/>), skipped with the fix in the reason without them,
/// run (so failing) when they are required.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if ((PostgresServer.SkipReason ?? RedisServer.SkipReason) is { } reason) Skip = reason;
    }
}
