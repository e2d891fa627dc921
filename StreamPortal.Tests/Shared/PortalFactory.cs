using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// The real app on a real SQLite file in a temp folder, deleted afterwards. Settings are added per test class
/// through <see cref="Settings"/> before first use.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string AdminPassword = "Admin-Password-123!";

    private readonly TempDatabase _database = new();

    public string DatabasePath => _database.Path;
    public string ConnectionString => _database.ConnectionString;

    /// <summary>Extra configuration for this factory's app (set before the first client is created).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = ConnectionString,
                ["StreamPortal:ApiKeys:0"] = ApiKey,
                ["StreamPortal:Admin:Password"] = AdminPassword,
                ["Logging:LogLevel:Default"] = "Warning",
            };
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _database.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
        GC.SuppressFinalize(this);
    }
}
