using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Anomalies;

public sealed class ValidateAnomalyOptions : IValidateOptions<AnomalyOptions>
{
    public static readonly string StaleStreamKey = $"{AnomalyOptions.Section}:{nameof(AnomalyOptions.StaleStreamSeconds)}";
    public static readonly string SilentSessionKey = $"{AnomalyOptions.Section}:{nameof(AnomalyOptions.SilentSessionMinutes)}";
    public static readonly string SilentNodeKey = $"{AnomalyOptions.Section}:{nameof(AnomalyOptions.SilentNodeSeconds)}";

    public ValidateOptionsResult Validate(string? name, AnomalyOptions options)
    {
        var failures = new OptionsFailures();
        failures.Range(StaleStreamKey, options.StaleStreamSeconds, AnomalyLimits.MinSeconds, AnomalyLimits.MaxSeconds);
        failures.Range(SilentSessionKey, options.SilentSessionMinutes, AnomalyLimits.MinMinutes, AnomalyLimits.MaxMinutes);
        failures.Range(SilentNodeKey, options.SilentNodeSeconds, AnomalyLimits.MinSeconds, AnomalyLimits.MaxSeconds);
        return failures.Result();
    }
}
