using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Api;

// The store contract of this folder run again on PostgreSQL: the same test bodies, inherited (see Shared/OnPostgresAttribute.cs).

/// <summary><see cref="ReadApiTests"/> on PostgreSQL: the read API's lists, filters and pages.</summary>
[OnPostgres]
public sealed class PostgresReadApiTests : ReadApiTests;

/// <summary><see cref="EventTriageApiTests"/> on PostgreSQL: the events list's triage filters.</summary>
[OnPostgres]
public sealed class PostgresEventTriageApiTests : EventTriageApiTests;
