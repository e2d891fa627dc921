using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Auth;

public sealed class ValidateApiKeyOptions : IValidateOptions<ApiKeyOptions>
{
    private static readonly string ApiKeysKey = $"{ApiKeyOptions.Section}:{nameof(ApiKeyOptions.ApiKeys)}";

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new OptionsFailures();
        for (var i = 0; i < options.ApiKeys.Length; i++)
        {
            var key = options.ApiKeys[i];
            // A blank key (an unset environment variable) would be skipped silently; a padded one can never match,
            // since header values arrive trimmed.
            if (string.IsNullOrWhiteSpace(key)) failures.Add($"{ApiKeysKey}:{i} must not be empty.");
            else if (key.Trim().Length != key.Length) failures.Add($"{ApiKeysKey}:{i} must not start or end with blanks.");
        }
        return failures.Result();
    }
}
