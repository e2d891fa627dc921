using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamPortal.Data;
using StreamPortal.Hosting;

namespace StreamPortal.Cluster;

public sealed partial class ValidateClusterOptions(IOptions<StorageOptions> storage) : IValidateOptions<ClusterOptions>
{
    /// <summary>The longest instance name: it is stored with every event, so it is kept short.</summary>
    public const int MaxInstanceName = 64;

    public const int MaxConfigReloadSeconds = 86_400;

    public const int MaxMaxHitsTimeoutMs = 1000;

    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new OptionsFailures();
        if (!string.IsNullOrWhiteSpace(options.InstanceName) && !NamePattern().IsMatch(options.InstanceName.Trim()))
            failures.Add($"{ClusterOptions.Section}:{nameof(ClusterOptions.InstanceName)} must be 1-{MaxInstanceName} letters, digits, '.', '_' or '-'.");
        if (!NamePattern().IsMatch(options.ChannelPrefix))
            failures.Add($"{ClusterOptions.Section}:{nameof(ClusterOptions.ChannelPrefix)} must be 1-{MaxInstanceName} letters, digits, '.', '_' or '-'.");
        if (options.ConfigReloadSeconds is < 0 or > MaxConfigReloadSeconds)
            failures.Add($"{ClusterOptions.Section}:{nameof(ClusterOptions.ConfigReloadSeconds)} must be from 0 (off) to {MaxConfigReloadSeconds}.");
        if (options.MaxHitsTimeoutMs is < 1 or > MaxMaxHitsTimeoutMs)
            failures.Add($"{ClusterOptions.Section}:{nameof(ClusterOptions.MaxHitsTimeoutMs)} must be from 1 to {MaxMaxHitsTimeoutMs} (a hook waits that long at most).");
        if (!options.Enabled) return failures.Result();

        try { ConfigurationOptions.Parse(options.Redis!); }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            failures.Add($"{ClusterOptions.Section}:{nameof(ClusterOptions.Redis)} is not a valid StackExchange.Redis configuration string: {ex.Message}");
        }
        // Instances of a cluster share one database; a SQLite file belongs to one process.
        if (StorageOptions.ParseProvider(storage.Value.Provider) is not StorageProvider.Postgres)
            failures.Add($"{ClusterOptions.Section}:{nameof(ClusterOptions.Redis)} is set, so the instances share one database: " +
                         $"set {StorageOptions.ProviderKey}=Postgres (a SQLite file cannot be shared by several instances).");
        return failures.Result();
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
