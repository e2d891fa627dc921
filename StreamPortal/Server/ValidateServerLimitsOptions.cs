using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Server;

public sealed class ValidateServerLimitsOptions : IValidateOptions<ServerLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerLimitsOptions options)
    {
        var failures = new OptionsFailures();
        failures.Range(Key(nameof(ServerLimitsOptions.MaxConcurrentConnections)), options.MaxConcurrentConnections, 1, 1_000_000);
        failures.Range(Key(nameof(ServerLimitsOptions.MaxConcurrentUpgradedConnections)), options.MaxConcurrentUpgradedConnections, 1, 1_000_000);
        failures.Range(Key(nameof(ServerLimitsOptions.MaxRequestHeadersTotalSize)), options.MaxRequestHeadersTotalSize, 1024, 1024 * 1024);
        failures.Range(Key(nameof(ServerLimitsOptions.MaxRequestHeaderCount)), options.MaxRequestHeaderCount, 8, 10_000);
        failures.Range(Key(nameof(ServerLimitsOptions.RequestHeadersTimeoutSeconds)), options.RequestHeadersTimeoutSeconds, 1, 3600);
        failures.Range(Key(nameof(ServerLimitsOptions.KeepAliveTimeoutSeconds)), options.KeepAliveTimeoutSeconds, 1, 3600);
        failures.Range(Key(nameof(ServerLimitsOptions.MinRequestBodyBytesPerSecond)), options.MinRequestBodyBytesPerSecond, 1, 1024 * 1024);
        // Kestrel refuses a grace period of one second or less (its timeouts tick once a second).
        failures.Range(Key(nameof(ServerLimitsOptions.MinRequestBodyGraceSeconds)), options.MinRequestBodyGraceSeconds, 2, 3600);
        return failures.Result();
    }

    private static string Key(string property) => $"{ServerLimitsOptions.Section}:{property}";
}
