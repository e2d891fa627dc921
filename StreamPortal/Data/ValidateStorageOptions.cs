using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamPortal.Hosting;

namespace StreamPortal.Data;

public sealed class ValidateStorageOptions : IValidateOptions<StorageOptions>
{
    private static readonly string PortalKey = $"{StorageOptions.Section}:{nameof(StorageOptions.Portal)}";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new OptionsFailures();
        switch (StorageOptions.ParseProvider(options.Provider))
        {
            case StorageProvider.Sqlite:
                ValidateSqlite(options.Portal, failures);
                break;
            case StorageProvider.Postgres:
                ValidatePostgres(options.Portal, failures);
                break;
            default:
                failures.Add($"{StorageOptions.ProviderKey} is '{options.Provider}'; it must be one of " +
                             $"{string.Join(", ", Enum.GetNames<StorageProvider>())} (any case).");
                break;
        }
        return failures.Result();
    }

    private static void ValidateSqlite(string connectionString, OptionsFailures failures)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            // Every connection to an in-memory or temporary database gets a database of its own: the writer's hooks
            // would be invisible to the console, and migrations to the writer.
            if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                failures.Add($"{PortalKey} must name a database file (Data Source=...), not an in-memory or temporary database.");
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{PortalKey} is not a valid SQLite connection string: {ex.Message}");
        }
    }

    private static void ValidatePostgres(string connectionString, OptionsFailures failures)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
                failures.Add($"{PortalKey} must name the PostgreSQL server (Host=...), e.g. Host=127.0.0.1;Port=5432;Database=streamportal;Username=portal.");
            if (string.IsNullOrWhiteSpace(builder.Database))
                failures.Add($"{PortalKey} must name the database (Database=...); the portal creates it if it does not exist.");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            failures.Add($"{PortalKey} is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }
}
