using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.WcsApi;

public sealed class ValidateWcsOptions : IValidateOptions<WcsOptions>
{
    /// <summary>WCS takes any positive timeout; beyond ten minutes a client would long have given up.</summary>
    public const int MaxRestTimeoutSeconds = 600;
    public const int MaxNodes = 64;

    public ValidateOptionsResult Validate(string? name, WcsOptions options)
    {
        var failures = new OptionsFailures();
        failures.Range(Key(nameof(WcsOptions.RestTimeoutSeconds)), options.RestTimeoutSeconds, 1, MaxRestTimeoutSeconds);
        failures.Range(Key(nameof(WcsOptions.CompareIntervalSeconds)), options.CompareIntervalSeconds, 0, 86_400);
        failures.Range(Key(nameof(WcsOptions.CompareTimeoutSeconds)), options.CompareTimeoutSeconds, 1, 120);
        failures.Range(Key(nameof(WcsOptions.MaxAnswerBytes)), options.MaxAnswerBytes, 1024, 256 * 1024 * 1024);
        if (options.Nodes.Count > MaxNodes) failures.Add($"{Key(nameof(WcsOptions.Nodes))} lists {options.Nodes.Count} nodes; at most {MaxNodes}.");
        for (var i = 0; i < options.Nodes.Count; i++)
            if (NodeUrl(options.Nodes[i]) is null)
                failures.Add($"{Key(nameof(WcsOptions.Nodes))}:{i} must be an absolute http or https URL (WCS's REST API, e.g. http://wcs1:8081).");
        return failures.Result();
    }

    /// <summary>The node's base URL, or null when it is not an absolute http(s) URL without credentials, query or fragment.</summary>
    public static Uri? NodeUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 ? uri : null;

    private static string Key(string property) => $"{WcsOptions.Section}:{property}";
}
