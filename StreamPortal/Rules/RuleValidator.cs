using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamPortal.Rules;

/// <summary>Checks a whole rule and reports every problem, keyed by its JSON path (e.g. match.fields[0].value).</summary>
public static class RuleValidator
{
    public const int MaxDelayMs = 300_000;
    private static readonly SearchValues<char> HeaderTokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Headers that the answer itself owns; a rule setting them would corrupt the response.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Content-Type", "Content-Length", "Transfer-Encoding", "Connection" };

    public static Dictionary<string, string[]> Validate(RuleDefinition rule)
    {
        var errors = new Errors();
        rule = rule.Normalized();
        if (rule.Name.Length == 0) errors.Add("name", "A rule needs a name.");
        else if (rule.Name.Length > 200) errors.Add("name", "The name is longer than 200 characters.");
        if (rule.Order is < 1) errors.Add("order", "The order is a 1-based position; it must be 1 or more.");

        var match = rule.Match!;
        for (var i = 0; i < match.Methods!.Count; i++)
            if (string.IsNullOrWhiteSpace(match.Methods[i])) errors.Add($"match.methods[{i}]", "A method name must not be empty.");
        for (var i = 0; i < match.Statuses!.Count; i++)
            if (string.IsNullOrWhiteSpace(match.Statuses[i])) errors.Add($"match.statuses[{i}]", "A status must not be empty.");
        for (var i = 0; i < match.Fields!.Count; i++) ValidateField(match.Fields[i], $"match.fields[{i}]", errors);

        var answer = rule.Answer!;
        if (answer.Status is < 200 or > 599) errors.Add("answer.status", $"The status {answer.Status} is not from 200 to 599.");
        var mode = BodyModes.Parse(answer.Body!.Mode);
        if (mode is null)
            errors.Add("answer.body.mode", $"'{answer.Body.Mode}' is not a body mode; use one of {string.Join(", ", BodyModes.All)}.");
        else if (mode is AnswerBodyMode.Overrides or AnswerBodyMode.Custom)
        {
            var text = AnswerJson(answer.Body, out var jsonError);
            if (jsonError is not null) errors.Add("answer.body.json", jsonError);
            else if (text is null) errors.Add("answer.body.json", $"Mode {answer.Body.Mode} needs a JSON body in answer.body.json.");
            else if (mode == AnswerBodyMode.Overrides && !text.TrimStart().StartsWith('{'))
                errors.Add("answer.body.json", "Overrides must be a JSON object (merged into the mirrored body).");
        }
        foreach (var (name, value) in answer.Headers!)
        {
            if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(HeaderTokenChars))
                errors.Add($"answer.headers.{name}", $"'{name}' is not a valid header name.");
            else if (ReservedHeaders.Contains(name))
                errors.Add($"answer.headers.{name}", $"{name} is set by the portal and cannot be overridden.");
            if (value is null || value.AsSpan().ContainsAny('\r', '\n'))
                errors.Add($"answer.headers.{name}", "A header value must be one line of text.");
        }
        if (answer.DelayMs is < 0 or > MaxDelayMs) errors.Add("answer.delayMs", $"The delay must be from 0 to {MaxDelayMs} ms.");
        if (answer.DelayMaxMs is { } max)
        {
            if (max is < 0 or > MaxDelayMs) errors.Add("answer.delayMaxMs", $"The maximum delay must be from 0 to {MaxDelayMs} ms.");
            else if (max < answer.DelayMs) errors.Add("answer.delayMaxMs", "The maximum delay must not be below delayMs.");
        }

        var limits = rule.Limits!;
        if (double.IsNaN(limits.Probability) || limits.Probability is < 0 or > 1)
            errors.Add("limits.probability", "The probability must be from 0 to 1.");
        if (limits.EveryNth is < 1) errors.Add("limits.everyNth", "everyNth must be 1 or more (or null).");
        if (limits.MaxHits is < 1) errors.Add("limits.maxHits", "maxHits must be 1 or more (or null).");
        return errors.Result;
    }

    private static void ValidateField(FieldCondition field, string at, Errors errors)
    {
        if (field is null) { errors.Add(at, "A field condition must be an object."); return; }
        if (string.IsNullOrWhiteSpace(field.Path)) errors.Add($"{at}.path", "A field condition needs a path, e.g. custom.login.");
        else if (field.Path.Split('.').Any(s => s.Length == 0)) errors.Add($"{at}.path", $"'{field.Path}' has an empty segment.");
        if (!FieldOps.All.Contains(field.Op))
        {
            errors.Add($"{at}.op", $"'{field.Op}' is not an operator; use one of {string.Join(", ", FieldOps.All)}.");
            return;
        }
        if (FieldOps.NeedsValue(field.Op) && field.Value is null) errors.Add($"{at}.value", $"Operator {field.Op} needs a value.");
        else if (field.Op == FieldOps.Regex && RegexError(field.Value!) is { } problem) errors.Add($"{at}.value", problem);
    }

    public static string? RegexError(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, RuleCompiler.RegexTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"Not a valid regular expression: {ex.Message}";
        }
    }

    /// <summary>The JSON text of an answer body: a JSON value as is, a string as the JSON text it holds.</summary>
    public static string? AnswerJson(AnswerBody body, out string? error)
    {
        error = null;
        if (body.Json is not { } json || json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (json.ValueKind != JsonValueKind.String) return json.GetRawText();
        var text = json.GetString()!;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.GetRawText();
        }
        catch (JsonException ex)
        {
            error = $"The body is not JSON: {ex.Message}";
            return null;
        }
    }

    private sealed class Errors
    {
        public Dictionary<string, string[]> Result { get; } = new(StringComparer.Ordinal);
        public void Add(string key, string message) =>
            Result[key] = Result.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
    }
}
