using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Hooks;

public sealed class ValidateHookOptions : IValidateOptions<HookOptions>
{
    private const int MaxBodyBytesLimit = 64 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, HookOptions options)
    {
        var failures = new OptionsFailures();
        failures.Range(Key(nameof(HookOptions.MaxBodyBytes)), options.MaxBodyBytes, 1, MaxBodyBytesLimit);
        // Checked after PostConfigureHookOptions took the slashes off: "/" alone leaves nothing to route on.
        if (string.IsNullOrWhiteSpace(options.RoutePrefix))
            failures.Add($"{Key(nameof(HookOptions.RoutePrefix))} must not be empty.");
        return failures.Result();
    }

    private static string Key(string property) => $"{HookOptions.Section}:{property}";
}
