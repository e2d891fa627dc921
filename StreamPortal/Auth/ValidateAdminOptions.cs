using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Auth;

/// <summary>The initial admin password must pass the same rule as every password set on the Settings page.</summary>
public sealed class ValidateAdminOptions(IOptions<AuthOptions> auth) : IValidateOptions<AdminOptions>
{
    private static readonly string PasswordKey = $"{AdminOptions.Section}:{nameof(AdminOptions.Password)}";
    private static readonly string MinLengthKey = $"{AuthOptions.Section}:{nameof(AuthOptions.MinPasswordLength)}";

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new OptionsFailures();
        var password = options.Password;
        // Empty means "not set" (a generated password); blanks are a mistake, not a choice.
        if (!string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrWhiteSpace(password))
                failures.Add($"{PasswordKey} must not be only blanks (leave it empty to have one generated).");
            else if (MinPasswordLength() is { } minLength && password.Length < minLength)
                failures.Add($"{PasswordKey} must have at least {minLength} characters ({MinLengthKey}).");
        }
        return failures.Result();
    }

    /// <summary>Null when StreamPortal:Auth is itself wrong: ValidateAuthOptions reports that, once.</summary>
    private int? MinPasswordLength()
    {
        try { return auth.Value.MinPasswordLength; }
        catch (OptionsValidationException) { return null; }
    }
}
