using System.Text.RegularExpressions;

namespace StreamPortal.Rules;

/// <summary>
/// Pure evaluation of one rule: conditions first (no side effects), then the limits in the documented order.
/// Never throws on the hot path: a regex timeout is a non-match.
/// </summary>
/// <remarks>
/// Fail-open by decision: a condition the timeout left undecided does not fire the rule, so the hook gets what it
/// would get without the rule (usually the 200 mirror). Failing closed would let one slow pattern refuse every
/// matching connect or publish, and the portal is on WCS's critical path. Timeouts are counted on the rule
/// (regexTimeouts in the API) and logged, the first one and every 1000th after it.
/// </remarks>
public static class RuleMatcher
{
    public static bool ConditionsHold(CompiledRule rule, HookRequest request, HookBodyView body, ILogger? logger = null)
    {
        if (rule.Methods is { } methods && !methods.Contains(request.Method)) return false;
        var f = request.Fields;
        if (rule.AppKey is { } appKey && !appKey.IsMatch(f.AppKey)) return false;
        if (rule.StreamName is { } name && !name.IsMatch(f.Name)) return false;
        if (rule.Statuses is { } statuses && (f.Status is null || !statuses.Contains(f.Status))) return false;
        if (rule.SessionId is { } sessionId && !string.Equals(sessionId, f.SessionId, StringComparison.Ordinal)) return false;
        foreach (var field in rule.Fields)
            if (!FieldHolds(rule, field, body, logger)) return false;
        return true;
    }

    private static bool FieldHolds(CompiledRule rule, FieldMatcher field, HookBodyView body, ILogger? logger)
    {
        var element = body.Find(field.Path);
        var present = element is { ValueKind: not System.Text.Json.JsonValueKind.Null };
        switch (field.Op)
        {
            case FieldOps.Exists: return present;
            case FieldOps.NotExists: return !present;
        }
        if (element is not { } e) return false;
        var text = HookBodyView.Text(e);
        switch (field.Op)
        {
            case FieldOps.EqualsOp: return string.Equals(text, field.Value, StringComparison.Ordinal);
            case FieldOps.Glob: return field.Glob is { } glob && glob.IsMatch(text);
            case FieldOps.Regex:
                try { return field.Regex is { } regex && regex.IsMatch(text); }
                catch (RegexMatchTimeoutException)
                {
                    var timeouts = rule.Counters.CountRegexTimeout();
                    if (timeouts == 1 || timeouts % 1000 == 0)
                        logger?.LogWarning("Rule {RuleId} ({RuleName}): the regex on {Path} timed out after {Timeout} ms ({Timeouts} so far); counted as no match.",
                            rule.Id, rule.Name, field.PathText, RuleCompiler.RegexTimeout.TotalMilliseconds, timeouts);
                    return false;
                }
            default: return false;
        }
    }

    /// <summary>
    /// After the conditions held: enabled and activeUntil, then every-Nth, then probability, then the max-hits
    /// reservation. Only a rule that passes them all takes a hit.
    /// </summary>
    public static bool TryFire(CompiledRule rule, long nowMs, IRandomSource random) =>
        PassesLimitsBeforeMaxHits(rule, nowMs, random) && rule.Counters.TryHit(rule.MaxHits, nowMs);

    /// <summary>Every limit but the max-hits reservation (which a cluster takes in Redis instead: see RuleEngine.DecideAsync).</summary>
    public static bool PassesLimitsBeforeMaxHits(CompiledRule rule, long nowMs, IRandomSource random)
    {
        if (!rule.Enabled) return false;
        if (rule.ActiveUntilMs is { } until && nowMs >= until) return false;
        if (rule.EveryNth is { } n && n > 1 && rule.Counters.CountMatch() % n != 0) return false;
        return rule.Probability >= 1.0 || random.NextDouble() < rule.Probability;
    }

    public static HookDecision Decision(CompiledRule rule, IRandomSource random)
    {
        var delay = rule.DelayMaxMs is { } max && max > rule.DelayMs ? random.Next(rule.DelayMs, max) : rule.DelayMs;
        return new HookDecision(rule.Status, rule.Mode, rule.Json, rule.Headers, delay, rule.Id, rule.Name);
    }
}
