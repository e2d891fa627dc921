using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Hooks;

public sealed class ValidateHookOptions : IValidateOptions<HookOptions>
{
    private const int MaxBodyBytesLimit = 64 * 1024 * 1024;
    /// <summary>WCS retries within seconds; a window of an hour would only mark legitimate repeats.</summary>
    public const int MaxDuplicateWindowSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, HookOptions options)
    {
        var failures = new OptionsFailures();
        failures.Range(Key(nameof(HookOptions.MaxBodyBytes)), options.MaxBodyBytes, 1, MaxBodyBytesLimit);
        failures.Range(Key(nameof(HookOptions.DuplicateWindowSeconds)), options.DuplicateWindowSeconds, 0, MaxDuplicateWindowSeconds);
        failures.Range(Key(nameof(HookOptions.DuplicateTrackedBodies)), options.DuplicateTrackedBodies, 1, 1_000_000);
        foreach (var (app, caller) in options.Callers)
            if (!Enum.IsDefined(caller.Mode))
                failures.Add($"{Key(nameof(HookOptions.Callers))}:{app}:{nameof(HookCallerAuth.Mode)} must be Enforce, Shadow or Off.");
        // Checked after PostConfigureHookOptions took the slashes off: "/" alone leaves nothing to route on.
        if (string.IsNullOrWhiteSpace(options.RoutePrefix))
            failures.Add($"{Key(nameof(HookOptions.RoutePrefix))} must not be empty.");
        return failures.Result();
    }

    private static string Key(string property) => $"{HookOptions.Section}:{property}";
}
