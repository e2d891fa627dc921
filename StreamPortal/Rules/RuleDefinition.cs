using System.Text.Json;

namespace StreamPortal.Rules;

/// <summary>
/// A rule as the API takes and returns it (design.md). Op and mode are strings, not enums, so that an unknown
/// value reaches the validator and is reported with every other error instead of failing deserialisation.
/// </summary>
public sealed record RuleDefinition
{
    public string Name { get; init; } = "";
    public bool Enabled { get; init; } = true;
    /// <summary>1-based position in evaluation order; null or out of range puts the rule last.</summary>
    public int? Order { get; init; }
    public RuleMatch? Match { get; init; } = new();
    public RuleAnswer? Answer { get; init; } = new();
    public RuleLimits? Limits { get; init; } = new();

    /// <summary>Missing objects replaced by their defaults, so that every later step can rely on them.</summary>
    public RuleDefinition Normalized() => this with
    {
        Name = Name?.Trim() ?? "",
        Match = (Match ?? new()).Normalized(),
        Answer = (Answer ?? new()).Normalized(),
        Limits = Limits ?? new(),
    };
}

public sealed record RuleMatch
{
    /// <summary>Empty: any method.</summary>
    public IReadOnlyList<string>? Methods { get; init; } = [];
    /// <summary>Glob on the body's appKey (* and ?); null or "*": any.</summary>
    public string? AppKey { get; init; }
    /// <summary>Glob on the body's stream name; null or "*": any.</summary>
    public string? StreamName { get; init; }
    /// <summary>Empty: any status.</summary>
    public IReadOnlyList<string>? Statuses { get; init; } = [];
    /// <summary>Exact sessionId; null: any.</summary>
    public string? SessionId { get; init; }
    public IReadOnlyList<FieldCondition>? Fields { get; init; } = [];

    public RuleMatch Normalized() => this with
    {
        Methods = Methods ?? [],
        Statuses = Statuses ?? [],
        Fields = Fields ?? [],
        AppKey = string.IsNullOrEmpty(AppKey) ? null : AppKey,
        StreamName = string.IsNullOrEmpty(StreamName) ? null : StreamName,
        SessionId = string.IsNullOrEmpty(SessionId) ? null : SessionId,
    };
}

/// <summary>A condition on a JSON path of the body, e.g. custom.login, mediaProvider, published, mediaProviders.0.</summary>
public sealed record FieldCondition
{
    public string Path { get; init; } = "";
    /// <summary>equals, glob, regex, exists, notExists.</summary>
    public string Op { get; init; } = FieldOps.EqualsOp;
    public string? Value { get; init; }
}

public static class FieldOps
{
    public const string EqualsOp = "equals";
    public const string Glob = "glob";
    public const string Regex = "regex";
    public const string Exists = "exists";
    public const string NotExists = "notExists";
    public static readonly IReadOnlyList<string> All = [EqualsOp, Glob, Regex, Exists, NotExists];
    public static bool NeedsValue(string op) => op is EqualsOp or Glob or Regex;
}

public sealed record RuleAnswer
{
    public int Status { get; init; } = 200;
    public AnswerBody? Body { get; init; } = new();
    public IReadOnlyDictionary<string, string>? Headers { get; init; } = new Dictionary<string, string>();
    public int DelayMs { get; init; }
    /// <summary>When set, the delay is drawn uniformly from [DelayMs, DelayMaxMs] for each hook.</summary>
    public int? DelayMaxMs { get; init; }

    public RuleAnswer Normalized() => this with
    {
        Body = Body ?? new(),
        Headers = Headers ?? new Dictionary<string, string>(),
    };
}

public sealed record AnswerBody
{
    /// <summary>mirror, overrides, custom, empty.</summary>
    public string Mode { get; init; } = BodyModes.Mirror;
    /// <summary>The overrides object (mode overrides) or the custom body (mode custom). A string holding JSON text is accepted too.</summary>
    public JsonElement? Json { get; init; }
}

public static class BodyModes
{
    public const string Mirror = "mirror";
    public const string Overrides = "overrides";
    public const string Custom = "custom";
    public const string Empty = "empty";
    public static readonly IReadOnlyList<string> All = [Mirror, Overrides, Custom, Empty];

    public static AnswerBodyMode? Parse(string? mode) => mode switch
    {
        Mirror => AnswerBodyMode.Mirror,
        Overrides => AnswerBodyMode.Overrides,
        Custom => AnswerBodyMode.Custom,
        Empty => AnswerBodyMode.Empty,
        _ => null,
    };
}

public sealed record RuleLimits
{
    public double Probability { get; init; } = 1.0;
    public int? EveryNth { get; init; }
    public long? MaxHits { get; init; }
    public DateTimeOffset? ActiveUntil { get; init; }
}
