using System.Text.Json;

namespace StreamPortal.Rules;

/// <summary>
/// A rule as POST/PUT /api/rules and the editor give it: any member may be missing or null, and op and mode are
/// strings, not enums, so that a bad value reaches the validator and is reported with every other error instead of
/// failing deserialisation. <see cref="RuleValidator"/> turns it into a <see cref="RuleDefinition"/>.
/// </summary>
public sealed record RuleInput
{
    public string? Name { get; init; } = "";
    public bool Enabled { get; init; } = true;
    /// <summary>1-based position in evaluation order; null or out of range puts the rule last.</summary>
    public int? Order { get; init; }
    public RuleMatchInput? Match { get; init; } = new();
    public RuleAnswerInput? Answer { get; init; } = new();
    public RuleLimitsInput? Limits { get; init; } = new();
}

public sealed record RuleMatchInput
{
    public IReadOnlyList<string?>? Methods { get; init; } = [];
    public string? AppKey { get; init; }
    public string? StreamName { get; init; }
    public IReadOnlyList<string?>? Statuses { get; init; } = [];
    public string? SessionId { get; init; }
    public IReadOnlyList<FieldConditionInput?>? Fields { get; init; } = [];
}

public sealed record FieldConditionInput
{
    public string? Path { get; init; } = "";
    public string? Op { get; init; } = FieldOps.EqualsOp;
    public string? Value { get; init; }
}

public sealed record RuleAnswerInput
{
    public int Status { get; init; } = 200;
    public AnswerBodyInput? Body { get; init; } = new();
    public IReadOnlyDictionary<string, string?>? Headers { get; init; } = new Dictionary<string, string?>();
    public int DelayMs { get; init; }
    public int? DelayMaxMs { get; init; }
}

public sealed record AnswerBodyInput
{
    public string? Mode { get; init; } = BodyModes.Mirror;
    /// <summary>A JSON value, or a string holding JSON text.</summary>
    public JsonElement? Json { get; init; }
}

public sealed record RuleLimitsInput
{
    public double Probability { get; init; } = 1.0;
    public int? EveryNth { get; init; }
    public long? MaxHits { get; init; }
    public DateTimeOffset? ActiveUntil { get; init; }
}
