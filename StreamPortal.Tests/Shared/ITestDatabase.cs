namespace StreamPortal.Tests.Shared;

/// <summary>A database a test portal runs on: a temp SQLite file or a PostgreSQL database of its own.</summary>
public interface ITestDatabase
{
    PortalStore Store { get; }

    /// <summary>What the portal gets as <c>ConnectionStrings:Portal</c>.</summary>
    string ConnectionString { get; }
}

public static class TestDatabaseSettings
{
    /// <summary>The configuration that points a portal at <paramref name="database"/> (keys as in appsettings).</summary>
    public static IEnumerable<KeyValuePair<string, string>> PortalSettings(this ITestDatabase database)
    {
        yield return new("ConnectionStrings:Portal", database.ConnectionString);
        // SQLite is the default: its tests run without the key, as a plain install does.
        if (database.Store == PortalStore.Postgres) yield return new("StreamPortal:Storage:Provider", "Postgres");
    }
}
