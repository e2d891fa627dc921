using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

// The store contract of this folder run again on PostgreSQL: the same test bodies, inherited (see Shared/OnPostgresAttribute.cs).

/// <summary><see cref="LifecycleReplayTests"/> on PostgreSQL.</summary>
[OnPostgres]
public sealed class PostgresLifecycleReplayTests : LifecycleReplayTests;

/// <summary><see cref="BadInputTests"/> on PostgreSQL: bad input stored as rejected.</summary>
[OnPostgres]
public sealed class PostgresBadInputTests : BadInputTests;
