namespace StreamPortal.Rules;

/// <summary>POST /api/rules/dry-run: a draft rule and how many of the latest stored events to try it on.</summary>
public sealed record DryRunRequest(RuleInput? Rule, int? Limit);

public sealed record DryRunMatch(long Id, DateTimeOffset ReceivedAt, string Method, string? AppKey, string? Name, string? SessionId, string? Status);

/// <summary>Which of the examined events the draft's conditions match (limits are not applied: see docs/rules.md).</summary>
/// <param name="Examined">Events actually tried: fewer than asked when the deadline stopped the run.</param>
/// <param name="Complete">False when the run stopped at its deadline (StreamPortal:Rules:DryRunTimeoutMs).</param>
public sealed record DryRunResult(int Examined, int Count, IReadOnlyList<DryRunMatch> Matches, IReadOnlyList<string> PredictedEffect, bool Complete = true);
