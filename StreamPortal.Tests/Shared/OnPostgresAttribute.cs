namespace StreamPortal.Tests.Shared;

/// <summary>
/// Runs a <see cref="PortalTest"/> class's tests on PostgreSQL: put on a subclass of a store contract suite (whose
/// tests are <see cref="StoreFactAttribute"/>/<see cref="StoreTheoryAttribute"/>), so that the same test bodies run on
/// both stores. Its cases are skipped or required as <see cref="PostgresServer"/> says.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnPostgresAttribute : Attribute;
