using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Metrics;

public sealed class ValidateMetricsOptions : IValidateOptions<MetricsOptions>
{
    /// <summary>Paths whose own rules (API problem answers, the hub, the login form) a scrape endpoint must not take over.</summary>
    private static readonly string[] Reserved = ["/api", "/hubs", "/account", "/openapi"];

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new OptionsFailures();
        var key = $"{MetricsOptions.Section}:{nameof(MetricsOptions.Path)}";
        var path = options.Path;
        if (string.IsNullOrEmpty(path) || path.Length < 2 || path[0] != '/')
            failures.Add($"{key} must be a path such as /metrics.");
        else if (path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '?' or '#' or '{' or '}' or '*'))
            failures.Add($"{key} '{path}' must be a plain path (no spaces, query, fragment or route parameters).");
        else if (Reserved.Any(r => new PathString(path).StartsWithSegments(r, StringComparison.OrdinalIgnoreCase)))
            failures.Add($"{key} '{path}' must not be under {string.Join(", ", Reserved)}.");
        return failures.Result();
    }
}
