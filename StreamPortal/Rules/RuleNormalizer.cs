using System.Text.Json;

namespace StreamPortal.Rules;

/// <summary>
/// Applies the documented defaults to an input. It does not check anything: a value the validator would refuse is
/// dropped or defaulted, which only matters for stored rows (validated on the way in) and for predicting the effect of
/// an editor draft that is not finished yet. Everything else gets its rule from <see cref="RuleValidator"/>.
/// </summary>
internal static class RuleNormalizer
{
    public static RuleDefinition Normalize(RuleInput input) => new(
        input.Name?.Trim() ?? "",
        input.Enabled,
        input.Order,
        Match(input.Match ?? new()),
        Answer(input.Answer ?? new()),
        Limits(input.Limits ?? new()));

    private static RuleMatch Match(RuleMatchInput m) => new(
        NonNull(m.Methods),
        Blank(m.AppKey),
        Blank(m.StreamName),
        NonNull(m.Statuses),
        Blank(m.SessionId),
        (m.Fields ?? []).OfType<FieldConditionInput>()
            .Select(f => new FieldCondition(f.Path ?? "", f.Op ?? FieldOps.EqualsOp, f.Value)).ToList());

    private static RuleAnswer Answer(RuleAnswerInput a)
    {
        var body = a.Body ?? new();
        var headers = new Dictionary<string, string>();
        foreach (var (name, value) in a.Headers ?? new Dictionary<string, string?>())
            if (value is not null) headers[name] = value;
        return new RuleAnswer(
            a.Status,
            new AnswerBody(BodyModes.Parse(body.Mode) ?? AnswerBodyMode.Mirror, JsonValue(body.Json)),
            headers,
            a.DelayMs,
            a.DelayMaxMs);
    }

    private static RuleLimits Limits(RuleLimitsInput l) => new(l.Probability, l.EveryNth, l.MaxHits, l.ActiveUntil);

    /// <summary>The body JSON as a value: JSON null is none, a string holding JSON text is that JSON (kept as the string when it is not JSON).</summary>
    private static JsonElement? JsonValue(JsonElement? json)
    {
        if (json is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (e.ValueKind != JsonValueKind.String) return e;
        return AnswerJson.TryParse(e.GetString() ?? "", out var value, out _) ? value : e;
    }

    private static List<string> NonNull(IReadOnlyList<string?>? items) => (items ?? []).OfType<string>().ToList();

    private static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
