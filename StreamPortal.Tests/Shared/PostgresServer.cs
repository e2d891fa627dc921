namespace StreamPortal.Tests.Shared;

/// <summary>
/// The PostgreSQL server the PostgreSQL cases run on, named by <see cref="Variable"/> (a connection string without a
/// database; its user may create databases: each test makes its own, see <see cref="PostgresDatabase"/>). Without it
/// those cases are skipped with the fix in the reason, unless <see cref="RequireVariable"/> is set (CI sets both, see
/// .ci/run), where a missing or unreachable server fails them. The same rule as the browser tests'
/// (E2E/BrowserAvailability.cs).
/// </summary>
public static class PostgresServer
{
    public const string Variable = "STREAMPORTAL_TEST_POSTGRES";
    public const string RequireVariable = "STREAMPORTAL_REQUIRE_POSTGRES";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true";

    /// <summary>The server's connection string, or null when none is configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsAvailable => ConnectionString is not null;

    public static string MissingReason =>
        $"No PostgreSQL server for the tests: set {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres\" (a server " +
        $"where that user may create databases) or run bash .ci/run.";

    /// <summary>Why a PostgreSQL case is skipped, or null when it runs (and then fails if the server is missing).</summary>
    public static string? SkipReason =>
        IsAvailable || Required ? null : $"{MissingReason} Set {RequireVariable}=1 to make this a failure.";
}
