using Microsoft.Extensions.Options;
using StreamPortal.Hosting;

namespace StreamPortal.Search;

public sealed class ValidateSearchOptions : IValidateOptions<SearchOptions>
{
    private static readonly string IntervalKey = $"{SearchOptions.Section}:{nameof(SearchOptions.IntervalMs)}";
    private static readonly string BatchKey = $"{SearchOptions.Section}:{nameof(SearchOptions.BatchSize)}";

    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        var failures = new OptionsFailures();
        // The lag shown to users is about one interval: more than 10 s would make the unindexed tail a scan again.
        failures.Range(IntervalKey, options.IntervalMs, 10, 10_000);
        // Bigger batches hold a pass's texts in memory for longer.
        failures.Range(BatchKey, options.BatchSize, 1, 10_000);
        return failures.Result();
    }
}
