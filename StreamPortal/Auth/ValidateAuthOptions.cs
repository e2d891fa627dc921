using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Auth;

public sealed class ValidateAuthOptions : IValidateOptions<AuthOptions>
{
    private const int LongestMinPasswordLength = 128;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new OptionsFailures();
        failures.Positive(Key(nameof(AuthOptions.MaxFailedLogins)), options.MaxFailedLogins);
        failures.Positive(Key(nameof(AuthOptions.LockoutMinutes)), options.LockoutMinutes);
        failures.Positive(Key(nameof(AuthOptions.LoginsPerMinute)), options.LoginsPerMinute);
        failures.Range(Key(nameof(AuthOptions.MinPasswordLength)), options.MinPasswordLength, 1, LongestMinPasswordLength);
        return failures.Result();
    }

    private static string Key(string property) => $"{AuthOptions.Section}:{property}";
}
