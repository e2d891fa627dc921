namespace StreamPortal.Rules;

/// <summary>
/// A rule as GET returns it: the stored definition plus id, live counters and the predicted effect
/// (a list of sentences, one per hook kind or method the rule can meet).
/// </summary>
public sealed record RuleView(
    long Id,
    string Name,
    bool Enabled,
    int Order,
    RuleMatch Match,
    RuleAnswer Answer,
    RuleLimits Limits,
    long HitCount,
    DateTimeOffset? LastHitAt,
    IReadOnlyList<string> PredictedEffect,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>POST /api/rules/dry-run: a draft rule and how many of the latest stored events to try it on.</summary>
public sealed record DryRunRequest(RuleDefinition? Rule, int? Limit);

public sealed record DryRunMatch(long Id, DateTimeOffset ReceivedAt, string Method, string? AppKey, string? Name, string? SessionId, string? Status);

/// <summary>Which of the examined events the draft's conditions match (limits are not applied: see docs/rules.md).</summary>
public sealed record DryRunResult(int Examined, int Count, IReadOnlyList<DryRunMatch> Matches, IReadOnlyList<string> PredictedEffect);

/// <summary>Outcome of a command: the value, or validation errors keyed by JSON path, or not found.</summary>
public sealed record RuleResult<T>(T? Value, Dictionary<string, string[]>? Errors, bool NotFound = false)
{
    public static RuleResult<T> Ok(T value) => new(value, null);
    public static RuleResult<T> Invalid(Dictionary<string, string[]> errors) => new(default, errors);
    public static RuleResult<T> Missing() => new(default, null, true);
}
