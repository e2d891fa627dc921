using System.Text.Json;
using StreamPortal.Data.Entities;

namespace StreamPortal.Rules;

/// <summary>How a rule is kept in its row: match, answer and limits as the API's JSON (normalised, defaults written).</summary>
public static class RuleStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Read through the input types, so a row written before a member existed still gets that member's default.</summary>
    public static RuleDefinition ToDefinition(ResponseRule row) => RuleNormalizer.Normalize(new RuleInput
    {
        Name = row.Name,
        Enabled = row.Enabled,
        Order = row.Order,
        Match = JsonSerializer.Deserialize<RuleMatchInput>(row.MatchJson, Json),
        Answer = JsonSerializer.Deserialize<RuleAnswerInput>(row.AnswerJson, Json),
        Limits = JsonSerializer.Deserialize<RuleLimitsInput>(row.LimitsJson, Json),
    });

    public static void Write(ResponseRule row, RuleDefinition rule)
    {
        row.Name = rule.Name;
        row.Enabled = rule.Enabled;
        row.MatchJson = JsonSerializer.Serialize(rule.Match, Json);
        row.AnswerJson = JsonSerializer.Serialize(rule.Answer, Json);
        row.LimitsJson = JsonSerializer.Serialize(rule.Limits, Json);
    }
}
