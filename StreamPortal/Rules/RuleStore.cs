using System.Text.Json;
using StreamPortal.Data.Entities;

namespace StreamPortal.Rules;

/// <summary>How a rule is kept in its row: match, answer and limits as the API's JSON (normalised, defaults written).</summary>
public static class RuleStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RuleDefinition ToDefinition(ResponseRule row) => new RuleDefinition
    {
        Name = row.Name,
        Enabled = row.Enabled,
        Order = row.Order,
        Match = JsonSerializer.Deserialize<RuleMatch>(row.MatchJson, Json),
        Answer = JsonSerializer.Deserialize<RuleAnswer>(row.AnswerJson, Json),
        Limits = JsonSerializer.Deserialize<RuleLimits>(row.LimitsJson, Json),
    }.Normalized();

    public static void Write(ResponseRule row, RuleDefinition definition)
    {
        var d = definition.Normalized();
        row.Name = d.Name;
        row.Enabled = d.Enabled;
        var answer = d.Answer!;
        // A body given as a string of JSON text is stored as the JSON value itself.
        if (RuleValidator.AnswerJson(answer.Body!, out _) is { } text)
            answer = answer with { Body = answer.Body! with { Json = JsonDocument.Parse(text).RootElement.Clone() } };
        row.MatchJson = JsonSerializer.Serialize(d.Match, Json);
        row.AnswerJson = JsonSerializer.Serialize(answer, Json);
        row.LimitsJson = JsonSerializer.Serialize(d.Limits, Json);
    }
}
