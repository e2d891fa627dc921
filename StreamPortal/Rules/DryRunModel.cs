namespace StreamPortal.Rules;

/// <summary>POST /api/rules/dry-run: a draft rule, the window of stored events to try it on, and how many at most.</summary>
/// <param name="Limit">The newest events of the window tried, 1 to <see cref="RuleDryRun.MaxLimit"/> (default 1000).</param>
/// <param name="From">Received at or after this time; null: from the oldest stored.</param>
/// <param name="To">Received before this time; null: up to now.</param>
/// <param name="IncludeKeepAlives">
/// Null or false: keep-alives (<see cref="Wcs.KeepAlive"/>) are left out, since at a few a second per stream they would
/// fill the whole limit and hide the hooks a rule is usually written for.
/// </param>
public sealed record DryRunRequest(RuleInput? Rule, int? Limit, DateTimeOffset? From = null, DateTimeOffset? To = null, bool? IncludeKeepAlives = null);

public sealed record DryRunMatch(long Id, DateTimeOffset ReceivedAt, string Method, string? AppKey, string? Name, string? SessionId, string? Status);

/// <summary>Which of the examined events the draft's conditions match (limits are not applied: see docs/rules.md).</summary>
/// <param name="Examined">Events actually tried: fewer than asked when the deadline stopped the run.</param>
/// <param name="Complete">False when the run stopped at its deadline (StreamPortal:Rules:DryRunTimeoutMs).</param>
/// <param name="KeepAlivesLeftOut">True when keep-alives were not examined.</param>
public sealed record DryRunResult(int Examined, int Count, IReadOnlyList<DryRunMatch> Matches, IReadOnlyList<string> PredictedEffect, bool Complete = true,
    DateTimeOffset? From = null, DateTimeOffset? To = null, bool KeepAlivesLeftOut = true);
