using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamPortal.Rules;

/// <summary>
/// A rule with every default applied and nothing missing: what is stored, compiled, predicted and returned by GET
/// (docs/rules.md). Members are declared in the order of the stored and answered JSON.
/// </summary>
public sealed record RuleDefinition(string Name, bool Enabled, int? Order, RuleMatch Match, RuleAnswer Answer, RuleLimits Limits);

/// <param name="Methods">Empty: any method.</param>
/// <param name="AppKey">Glob on the body's appKey (* and ?); null or "*": any.</param>
/// <param name="StreamName">Glob on the body's stream name; null or "*": any.</param>
/// <param name="Statuses">Empty: any status.</param>
/// <param name="SessionId">Exact sessionId; null: any.</param>
public sealed record RuleMatch(
    IReadOnlyList<string> Methods,
    string? AppKey,
    string? StreamName,
    IReadOnlyList<string> Statuses,
    string? SessionId,
    IReadOnlyList<FieldCondition> Fields);

/// <summary>A condition on a JSON path of the body, e.g. custom.login, mediaProvider, published, mediaProviders.0.</summary>
/// <param name="Op">One of <see cref="FieldOps.All"/>.</param>
/// <param name="Value">Set for the operators that compare (<see cref="FieldOps.NeedsValue"/>).</param>
public sealed record FieldCondition(string Path, string Op, string? Value);

/// <param name="DelayMaxMs">When set, the delay is drawn uniformly from [DelayMs, DelayMaxMs] for each hook.</param>
public sealed record RuleAnswer(int Status, AnswerBody Body, IReadOnlyDictionary<string, string> Headers, int DelayMs, int? DelayMaxMs);

/// <param name="Json">The overrides object or the custom body as a JSON value (a string of JSON text given as input is parsed).</param>
public sealed record AnswerBody(
    [property: JsonConverter(typeof(JsonStringEnumConverter<AnswerBodyMode>))] AnswerBodyMode Mode,
    JsonElement? Json);

public sealed record RuleLimits(double Probability, int? EveryNth, long? MaxHits, DateTimeOffset? ActiveUntil);
