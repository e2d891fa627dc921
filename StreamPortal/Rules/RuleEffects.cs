namespace StreamPortal.Rules;

/// <summary>A rule's predicted effect under the connect policy in force now (see <see cref="EffectPredictor"/>).</summary>
public sealed class RuleEffects(RuleEngine engine, TimeProvider time)
{
    /// <param name="appKey">The app whose policy applies; null: the rule's appKey when it is a plain name, else the default policy.</param>
    public IReadOnlyList<string> Predict(RuleDefinition rule, string? appKey)
    {
        var key = appKey ?? (rule.Match.AppKey is { } k && !k.Contains('*') && !k.Contains('?') ? k : null);
        var entry = engine.PolicyFor(key);
        var name = entry is null ? "connect policy (none is set yet)"
            : entry.AppKey == ConnectPolicies.DefaultKey ? (key is null ? "default connect policy" : $"default connect policy (app {key} has none)")
            : $"connect policy of app {entry.AppKey}";
        return EffectPredictor.Predict(rule, m => entry?.Config.GetValueOrDefault(m) ?? MethodPolicy.WcsDefault, name, time.GetUtcNow());
    }

    /// <summary>
    /// For the editor, whose prediction follows the inputs as they are typed, before they are all valid: the draft
    /// gets its defaults without being validated (nothing predicted this way is stored or compiled).
    /// </summary>
    public IReadOnlyList<string> PredictDraft(RuleInput draft, string? appKey) => Predict(RuleNormalizer.Normalize(draft), appKey);
}
