using System.Collections.Frozen;

namespace StreamPortal.Rules;

/// <summary>Turns a normalised rule into a <see cref="CompiledRule"/>; done once per snapshot, never per hook.</summary>
public static class RuleCompiler
{
    /// <summary>User regexes never run longer than this on a hook; a timeout counts as no match.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    public static CompiledRule Compile(long id, RuleDefinition rule, RuleCounters counters, long generation = 0)
    {
        var m = rule.Match;
        var a = rule.Answer;
        var l = rule.Limits;
        return new CompiledRule
        {
            Id = id,
            Name = rule.Name,
            Enabled = rule.Enabled,
            Methods = m.Methods.Count == 0 ? null : m.Methods.ToFrozenSet(StringComparer.Ordinal),
            AppKey = m.AppKey is null or "*" ? null : new Glob(m.AppKey),
            StreamName = m.StreamName is null or "*" ? null : new Glob(m.StreamName),
            Statuses = m.Statuses.Count == 0 ? null : m.Statuses.ToFrozenSet(StringComparer.Ordinal),
            SessionId = m.SessionId,
            Fields = m.Fields.Select(CompileField).ToArray(),
            Status = a.Status,
            Mode = a.Body.Mode,
            // Only these two modes answer with the JSON; the mirror and no body ignore it.
            Json = a.Body.Mode is AnswerBodyMode.Overrides or AnswerBodyMode.Custom ? a.Body.Json?.GetRawText() : null,
            Headers = a.Headers.Count == 0 ? null : a.Headers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            DelayMs = a.DelayMs,
            DelayMaxMs = a.DelayMaxMs,
            Probability = l.Probability,
            EveryNth = l.EveryNth,
            MaxHits = l.MaxHits,
            ActiveUntilMs = l.ActiveUntil?.ToUnixTimeMilliseconds(),
            Counters = counters,
            Generation = generation,
        };
    }

    private static FieldMatcher CompileField(FieldCondition f) => new(
        f.Path.Split('.'),
        f.Op,
        f.Value,
        f.Op == FieldOps.Glob && f.Value is not null ? new Glob(f.Value) : null,
        f.Op == FieldOps.Regex && f.Value is not null ? RuleRegex.Create(f.Value, compiled: true) : null);
}
