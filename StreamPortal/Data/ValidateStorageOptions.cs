using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Data;

public sealed class ValidateStorageOptions : IValidateOptions<StorageOptions>
{
    private static readonly string PortalKey = $"{StorageOptions.Section}:{nameof(StorageOptions.Portal)}";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new OptionsFailures();
        try
        {
            var builder = new SqliteConnectionStringBuilder(options.Portal);
            // Every connection to an in-memory or temporary database gets a database of its own: the writer's hooks
            // would be invisible to the console, and migrations to the writer.
            if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                failures.Add($"{PortalKey} must name a database file (Data Source=...), not an in-memory or temporary database.");
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{PortalKey} is not a valid SQLite connection string: {ex.Message}");
        }
        return failures.Result();
    }
}
