namespace StreamPortal.Rules;

/// <summary>How to answer one hook: status, body, extra headers, delay, and the rule that decided it (if any).</summary>
public sealed record HookDecision(
    int Status,
    AnswerBodyMode Mode,
    string? Json,
    IReadOnlyDictionary<string, string>? Headers,
    int DelayMs,
    long? RuleId,
    string? RuleName)
{
    public static readonly HookDecision Mirror = new(200, AnswerBodyMode.Mirror, null, null, 0, null, null);

    public bool IsPlainMirror => Status == 200 && Mode == AnswerBodyMode.Mirror;
}
