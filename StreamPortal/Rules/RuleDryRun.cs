using System.Text;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Wcs;

namespace StreamPortal.Rules;

/// <summary>Tries a draft rule's conditions on the latest stored events, without storing the draft.</summary>
public sealed class RuleDryRun(IDbContextFactory<PortalDbContext> contexts, RuleEffects effects)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public async Task<RuleResult<DryRunResult>> RunAsync(DryRunRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RuleDefinition? draft = null;
        if (request.Rule is null) errors["rule"] = ["A draft rule is required."];
        else if (!RuleValidator.TryValidate(request.Rule, out draft, out var ruleErrors))
            foreach (var (k, v) in ruleErrors) errors["rule." + k] = v;
        var limit = request.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"limit must be from 1 to {MaxLimit}."];
        if (draft is null || errors.Count > 0) return RuleResult<DryRunResult>.Invalid(errors);

        var rule = RuleCompiler.Compile(0, draft, new RuleCounters(0, null));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var events = await db.Events.AsNoTracking().Where(e => !e.Rejected)
            .OrderByDescending(e => e.Id).Take(limit)
            .Select(e => new { e.Id, e.ReceivedAtMs, e.App, e.Method, e.Body, e.BodyEncoding })
            .ToListAsync(ct);
        var matches = new List<DryRunMatch>();
        foreach (var e in events)
        {
            if (e.BodyEncoding is not null || e.Body is null) continue;
            var bytes = Encoding.UTF8.GetBytes(e.Body);
            if (HookBodyParser.Parse(bytes).Fields is not { } fields) continue;
            using var body = new HookBodyView(bytes);
            var hook = new HookRequest(e.App, e.Method, HookCatalogue.KindOf(e.Method), fields, bytes);
            if (RuleMatcher.ConditionsHold(rule, hook, body))
                matches.Add(new DryRunMatch(e.Id, DateTimeOffset.FromUnixTimeMilliseconds(e.ReceivedAtMs), e.Method,
                    fields.AppKey, fields.Name, fields.SessionId, fields.Status));
        }
        return RuleResult<DryRunResult>.Ok(new DryRunResult(events.Count, matches.Count, matches, effects.Predict(draft, null)));
    }
}
