using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

// The store contract of this folder run again on PostgreSQL: the same test bodies, inherited (see Shared/OnPostgresAttribute.cs).

/// <summary><see cref="ProjectionTests"/> on PostgreSQL: out-of-order and repeated hooks.</summary>
[OnPostgres]
public sealed class PostgresProjectionTests : ProjectionTests;

/// <summary><see cref="ConcurrentHooksTests"/> on PostgreSQL: concurrent hooks all stored.</summary>
[OnPostgres]
public sealed class PostgresConcurrentHooksTests : ConcurrentHooksTests;

/// <summary><see cref="RetentionJobTests"/> on PostgreSQL: pruning in batches, live sessions and streams spared.</summary>
[OnPostgres]
public sealed class PostgresRetentionJobTests : RetentionJobTests;
