namespace StreamPortal.Rules;

/// <summary>
/// A rule as GET returns it: the stored definition plus id, live counters and the predicted effect
/// (a list of sentences, one per hook kind or method the rule can meet).
/// </summary>
/// <param name="RegexTimeouts">Hooks its regexes let through unmatched because they timed out (since start).</param>
/// <param name="Problem">Set when the stored rule no longer validates or compiles: it is skipped, not applied.</param>
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
    DateTimeOffset UpdatedAt,
    long RegexTimeouts = 0,
    string? Problem = null)
{
    /// <summary>The rule itself, without what the portal adds (for the editor).</summary>
    public RuleDefinition ToDefinition() => new(Name, Enabled, Order, Match, Answer, Limits);
}
