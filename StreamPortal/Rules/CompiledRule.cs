using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace StreamPortal.Rules;

/// <summary>A rule ready for the hot path: globs and regexes built, sets frozen, answer prepared.</summary>
public sealed class CompiledRule
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required bool Enabled { get; init; }
    /// <summary>Null: any method.</summary>
    public FrozenSet<string>? Methods { get; init; }
    public Glob? AppKey { get; init; }
    public Glob? StreamName { get; init; }
    public FrozenSet<string>? Statuses { get; init; }
    public string? SessionId { get; init; }
    public required FieldMatcher[] Fields { get; init; }

    public required int Status { get; init; }
    public required AnswerBodyMode Mode { get; init; }
    public string? Json { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public required int DelayMs { get; init; }
    public int? DelayMaxMs { get; init; }

    public required double Probability { get; init; }
    public int? EveryNth { get; init; }
    public long? MaxHits { get; init; }
    public long? ActiveUntilMs { get; init; }

    public required RuleCounters Counters { get; init; }

    /// <summary>
    /// The counter generation of a max-hits rule in a cluster (the stored rule's UpdatedAtMs, which an operator's reset
    /// moves): the cluster-wide count is kept per generation (see <see cref="IClusterHitCounter"/>).
    /// </summary>
    public long Generation { get; init; }
}

/// <summary>One compiled field condition.</summary>
public sealed class FieldMatcher(string[] path, string op, string? value, Glob? glob, Regex? regex)
{
    public string[] Path { get; } = path;
    public string Op { get; } = op;
    public string? Value { get; } = value;
    public Glob? Glob { get; } = glob;
    public Regex? Regex { get; } = regex;
    public string PathText => string.Join('.', Path);
}
