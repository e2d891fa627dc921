namespace StreamPortal.Rules;

/// <summary>Outcome of a command: the value, or validation errors keyed by JSON path, or not found, or busy (try again later).</summary>
public sealed record RuleResult<T>(T? Value, Dictionary<string, string[]>? Errors, bool NotFound = false, bool Busy = false)
{
    public static RuleResult<T> Ok(T value) => new(value, null);
    public static RuleResult<T> Invalid(Dictionary<string, string[]> errors) => new(default, errors);
    public static RuleResult<T> Missing() => new(default, null, true);
    public static RuleResult<T> Unavailable() => new(default, null, Busy: true);
}
