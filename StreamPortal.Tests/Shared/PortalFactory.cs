using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// The real app on a real database of its own, deleted afterwards: a SQLite file in a temp folder (the default), or a
/// PostgreSQL database on the test server (<see cref="PostgresServer"/>). Settings are added per test class through
/// <see cref="Settings"/> before first use.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string AdminPassword = "Admin-Password-123!";

    private readonly ITestDatabase _database;
    private readonly bool _ownsDatabase;

    public PortalFactory(PortalStore store = PortalStore.Sqlite)
    {
        _database = store == PortalStore.Postgres ? new PostgresDatabase() : new TempDatabase();
        _ownsDatabase = true;
    }

    /// <summary>A portal on a database that another owns (several instances on one PostgreSQL database).</summary>
    public PortalFactory(ITestDatabase shared)
    {
        _database = shared;
        _ownsDatabase = false;
    }

    public PortalStore Store => _database.Store;
    public ITestDatabase Database => _database;
    public string ConnectionString => _database.ConnectionString;

    /// <summary>The SQLite file (for the tests about SQLite itself).</summary>
    public string DatabasePath => (_database as TempDatabase)?.Path
        ?? throw new InvalidOperationException($"This portal runs on {Store}, not on a SQLite file.");

    /// <summary>Extra configuration for this factory's app (set before the first client is created).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["StreamPortal:ApiKeys:0"] = ApiKey,
                ["StreamPortal:Admin:Password"] = AdminPassword,
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var (k, v) in _database.PortalSettings()) settings[k] = v;
            foreach (var (k, v) in Settings) settings[k] = v;
            config.AddInMemoryCollection(settings);
        });
    }

    /// <summary>A client that sends the test API key.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>
    /// The rows of the Events table, read on a new connection of the app's (through EF, so on either store): what is
    /// committed, not what the API or a cache says.
    /// </summary>
    public async Task<int> CountStoredEventsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Events.CountAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DisposeDatabase();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DisposeDatabase();
        GC.SuppressFinalize(this);
    }

    private void DisposeDatabase()
    {
        if (_ownsDatabase) (_database as IDisposable)?.Dispose();
    }
}
