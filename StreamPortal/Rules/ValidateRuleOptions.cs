using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Rules;

public sealed class ValidateRuleOptions : IValidateOptions<RuleOptions>
{
    // Every hook a rule answers stores its body: beyond this a rule would fill the disk rather than test WCS.
    private const int MaxAnswerBodyBytesLimit = 64 * 1024 * 1024;
    private const int MaxDryRunTimeoutMs = 60_000;

    public ValidateOptionsResult Validate(string? name, RuleOptions options)
    {
        var failures = new OptionsFailures();
        failures.Range(Key(nameof(RuleOptions.MaxAnswerBodyBytes)), options.MaxAnswerBodyBytes, 2, MaxAnswerBodyBytesLimit);
        failures.Range(Key(nameof(RuleOptions.DryRunTimeoutMs)), options.DryRunTimeoutMs, 50, MaxDryRunTimeoutMs);
        return failures.Result();
    }

    private static string Key(string property) => $"{RuleOptions.Section}:{property}";
}
