using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace StreamPortal.Rules;

/// <summary>Checks a whole rule and reports every problem, keyed by its JSON path (e.g. match.fields[0].value).</summary>
public static class RuleValidator
{
    public const int MaxDelayMs = 300_000;
    /// <summary>Longer patterns only make the linear engine's automaton (or the backtracker's work) larger.</summary>
    public const int MaxRegexLength = 1000;
    private static readonly RuleOptions Defaults = new();

    /// <summary>The rule with its defaults applied when the input has no error; else every error.</summary>
    /// <param name="options">The limits in force; null: the defaults (the console's form checks before the service does).</param>
    public static bool TryValidate(RuleInput input, [NotNullWhen(true)] out RuleDefinition? rule, out Dictionary<string, string[]> errors,
        RuleOptions? options = null)
    {
        errors = Validate(input, options);
        rule = errors.Count == 0 ? RuleNormalizer.Normalize(input) : null;
        return rule is not null;
    }

    public static Dictionary<string, string[]> Validate(RuleInput rule, RuleOptions? options = null)
    {
        var maxBodyBytes = (options ?? Defaults).MaxAnswerBodyBytes;
        var errors = new Errors();
        var name = rule.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "A rule needs a name.");
        else if (name.Length > 200) errors.Add("name", "The name is longer than 200 characters.");
        if (rule.Order is < 1) errors.Add("order", "The order is a 1-based position; it must be 1 or more.");

        var match = rule.Match ?? new();
        var methods = match.Methods ?? [];
        for (var i = 0; i < methods.Count; i++)
            if (string.IsNullOrWhiteSpace(methods[i])) errors.Add($"match.methods[{i}]", "A method name must not be empty.");
        var statuses = match.Statuses ?? [];
        for (var i = 0; i < statuses.Count; i++)
            if (string.IsNullOrWhiteSpace(statuses[i])) errors.Add($"match.statuses[{i}]", "A status must not be empty.");
        var fields = match.Fields ?? [];
        for (var i = 0; i < fields.Count; i++) ValidateField(fields[i], $"match.fields[{i}]", errors);

        var answer = rule.Answer ?? new();
        if (answer.Status is < 200 or > 599) errors.Add("answer.status", $"The status {answer.Status} is not from 200 to 599.");
        ValidateBody(answer.Body ?? new(), maxBodyBytes, errors);
        AddHeaderProblems(answer.Headers ?? new Dictionary<string, string?>(), errors);
        if (answer.DelayMs is < 0 or > MaxDelayMs) errors.Add("answer.delayMs", $"The delay must be from 0 to {MaxDelayMs} ms.");
        if (answer.DelayMaxMs is { } max)
        {
            if (max is < 0 or > MaxDelayMs) errors.Add("answer.delayMaxMs", $"The maximum delay must be from 0 to {MaxDelayMs} ms.");
            else if (max < answer.DelayMs) errors.Add("answer.delayMaxMs", "The maximum delay must not be below delayMs.");
        }

        var limits = rule.Limits ?? new();
        if (double.IsNaN(limits.Probability) || limits.Probability is < 0 or > 1)
            errors.Add("limits.probability", "The probability must be from 0 to 1.");
        if (limits.EveryNth is < 1) errors.Add("limits.everyNth", "everyNth must be 1 or more (or null).");
        if (limits.MaxHits is < 1) errors.Add("limits.maxHits", "maxHits must be 1 or more (or null).");
        return errors.Result;
    }

    /// <summary>
    /// What a stored rule must still satisfy before it is answered with: rows saved before these checks existed, or
    /// under a larger body limit, or edited by hand. Empty when the rule can be loaded.
    /// </summary>
    public static Dictionary<string, string[]> StoredProblems(RuleDefinition rule, RuleOptions? options = null)
    {
        var errors = new Errors();
        AddHeaderProblems(rule.Answer.Headers.Select(h => KeyValuePair.Create(h.Key, (string?)h.Value)), errors);
        if (rule.Answer.Body is { Mode: AnswerBodyMode.Custom or AnswerBodyMode.Overrides, Json: { } json })
            CheckBodySize(json, (options ?? Defaults).MaxAnswerBodyBytes, errors);
        return errors.Result;
    }

    private static void AddHeaderProblems(IEnumerable<KeyValuePair<string, string?>> headers, Errors errors)
    {
        foreach (var (name, message) in RuleHeaders.Problems(headers)) errors.Add($"answer.headers.{name}", message);
    }

    private static void CheckBodySize(JsonElement json, int maxBytes, Errors errors)
    {
        var bytes = Encoding.UTF8.GetByteCount(json.GetRawText());
        if (bytes > maxBytes)
            errors.Add("answer.body.json", $"The body is {bytes} bytes; {RuleOptions.Section}:{nameof(RuleOptions.MaxAnswerBodyBytes)} allows at most {maxBytes} "
                + "(every hook the rule answers stores its answer).");
    }

    private static void ValidateField(FieldConditionInput? field, string at, Errors errors)
    {
        if (field is null) { errors.Add(at, "A field condition must be an object."); return; }
        if (string.IsNullOrWhiteSpace(field.Path)) errors.Add($"{at}.path", "A field condition needs a path, e.g. custom.login.");
        else if (field.Path.Split('.').Any(s => s.Length == 0)) errors.Add($"{at}.path", $"'{field.Path}' has an empty segment.");
        if (field.Op is not { } op || !FieldOps.All.Contains(op))
        {
            errors.Add($"{at}.op", $"'{field.Op}' is not an operator; use one of {string.Join(", ", FieldOps.All)}.");
            return;
        }
        if (!FieldOps.NeedsValue(op)) return;
        if (field.Value is not { } value) errors.Add($"{at}.value", $"Operator {op} needs a value.");
        else if (op == FieldOps.Regex && RegexError(value) is { } problem) errors.Add($"{at}.value", problem);
    }

    private static void ValidateBody(AnswerBodyInput body, int maxBytes, Errors errors)
    {
        var mode = BodyModes.Parse(body.Mode);
        if (mode is null)
        {
            errors.Add("answer.body.mode", $"'{body.Mode}' is not a body mode; use one of {string.Join(", ", BodyModes.All)}.");
            return;
        }
        // The mirror and no body ignore the JSON, so it is not checked for them.
        if (mode is AnswerBodyMode.Mirror or AnswerBodyMode.Empty) return;
        if (body.Json is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } json)
        {
            errors.Add("answer.body.json", $"Mode {body.Mode} needs a JSON body in answer.body.json.");
            return;
        }
        var value = json;
        if (json.ValueKind == JsonValueKind.String && !AnswerJson.TryParse(json.GetString() ?? "", out value, out var error))
        {
            errors.Add("answer.body.json", error);
            return;
        }
        if (mode == AnswerBodyMode.Overrides && value.ValueKind != JsonValueKind.Object)
            errors.Add("answer.body.json", "Overrides must be a JSON object (merged into the mirrored body).");
        else CheckBodySize(value, maxBytes, errors);
    }

    private static string? RegexError(string pattern)
    {
        if (pattern.Length > MaxRegexLength) return $"The pattern is longer than {MaxRegexLength} characters.";
        try
        {
            _ = RuleRegex.Create(pattern, compiled: false);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"Not a valid regular expression: {ex.Message}";
        }
    }

    private sealed class Errors
    {
        public Dictionary<string, string[]> Result { get; } = new(StringComparer.Ordinal);
        public void Add(string key, string message) =>
            Result[key] = Result.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
    }
}
