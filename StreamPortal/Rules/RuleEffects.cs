using StreamPortal.WcsApi;

namespace StreamPortal.Rules;

/// <summary>A rule's predicted effect under the connect policies in force now (see <see cref="EffectPredictor"/>).</summary>
public sealed class RuleEffects(RuleEngine engine, WcsTimings timings, TimeProvider time)
{
    private const string OwnPolicy = "app's connect policy";

    /// <param name="appKey">
    /// The app whose policy applies; null: the rule's appKey when it is a plain name, else every app the rule can meet
    /// (each app with a policy of its own that its appKey glob matches, then the others under the default policy).
    /// </param>
    public IReadOnlyList<string> Predict(RuleDefinition rule, string? appKey)
    {
        var key = appKey ?? Literal(rule.Match.AppKey);
        if (key is not null) return ForApp(rule, key);

        // A rule made without an appKey (as through the API) used to be predicted from the default policy alone and
        // read "restOnError LOG (none is set yet)" although every app it meets had a FAIL policy of its own.
        var glob = new Glob(rule.Match.AppKey ?? "*");
        var apps = engine.Policies.Where(p => p.AppKey != ConnectPolicies.DefaultKey && glob.IsMatch(p.AppKey))
            .OrderBy(p => p.AppKey, StringComparer.Ordinal).ToList();
        if (apps.Count == 0) return ForApp(rule, null);

        var groups = new List<(List<string> Apps, IReadOnlyList<string> Lines)>();
        foreach (var app in apps)
        {
            var lines = Lines(rule, app, OwnPolicy);
            var same = groups.FindIndex(g => g.Lines.SequenceEqual(lines));
            if (same >= 0) groups[same].Apps.Add(app.AppKey);
            else groups.Add(([app.AppKey], lines));
        }
        var fallback = engine.PolicyFor(null);
        var otherLines = Lines(rule, fallback, fallback is null ? "default connect policy (none is set)" : "default connect policy");
        // Nothing depends on the policy (no method named, or only connect): one prediction says it all.
        if (groups.Count == 1 && groups[0].Lines.SequenceEqual(otherLines)) return ForApp(rule, null);
        var result = new List<string>();
        foreach (var (names, lines) in groups)
        {
            var who = names.Count == 1 ? $"App {names[0]} (own connect policy)" : $"Apps {string.Join(", ", names)} (own connect policies)";
            result.AddRange(lines.Select(l => $"{who}: {l}"));
        }
        var others = fallback is null ? "Other apps (no connect policy: WCS defaults)" : "Other apps (default connect policy)";
        result.AddRange(otherLines.Select(l => $"{others}: {l}"));
        return result;
    }

    /// <summary>
    /// For the editor, whose prediction follows the inputs as they are typed, before they are all valid: the draft
    /// gets its defaults without being validated (nothing predicted this way is stored or compiled).
    /// </summary>
    public IReadOnlyList<string> PredictDraft(RuleInput draft, string? appKey) => Predict(RuleNormalizer.Normalize(draft), appKey);

    private IReadOnlyList<string> ForApp(RuleDefinition rule, string? key)
    {
        var entry = engine.PolicyFor(key);
        var name = entry is null ? (key is null ? "default connect policy (none is set)" : $"connect policy of app {key} (none is set, nor a default)")
            : entry.AppKey == ConnectPolicies.DefaultKey ? (key is null ? "default connect policy" : $"default connect policy (app {key} has none)")
            : $"connect policy of app {entry.AppKey}";
        return Lines(rule, entry, name);
    }

    private IReadOnlyList<string> Lines(RuleDefinition rule, RuleEngine.PolicyEntry? entry, string policyName) =>
        EffectPredictor.Predict(rule, m => entry?.Config.GetValueOrDefault(m) ?? MethodPolicy.WcsDefault, policyName, time.GetUtcNow(), timings.RestTimeoutMs);

    /// <summary>Whether WCS, with the timeout in force, stops waiting before some answer of this rule.</summary>
    public bool TimesOut(RuleAnswer answer) => EffectPredictor.TimesOut(answer, timings.RestTimeoutMs);

    /// <summary>WCS's rest_request_timeout in force (ms).</summary>
    public int WcsTimeoutMs => timings.RestTimeoutMs;

    /// <summary>A plain app name (no wildcard), or null for any app or a glob.</summary>
    private static string? Literal(string? appKey) =>
        appKey is { Length: > 0 } k && !k.Contains('*') && !k.Contains('?') ? k : null;
}
