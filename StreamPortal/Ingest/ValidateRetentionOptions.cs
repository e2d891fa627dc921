using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Ingest;

public sealed class ValidateRetentionOptions : IValidateOptions<RetentionOptions>
{
    private static readonly string IntervalKey = $"{RetentionOptions.Section}:{nameof(RetentionOptions.IntervalSeconds)}";

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new OptionsFailures();
        // At most a day: a longer interval would let the events table grow far past the limits set on the Settings page.
        failures.Range(IntervalKey, options.IntervalSeconds, 1, 86_400);
        return failures.Result();
    }
}
