using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Wcs;

namespace StreamPortal.Rules;

/// <summary>
/// Tries a draft rule's conditions on the latest stored events of a time window (keep-alives left out unless asked
/// for), without storing the draft. It shares the CPU with
/// hooks, so it is bounded three ways: one run at a time (others are told to retry), a deadline after which it answers
/// what it found so far, and at most <see cref="MaxLimit"/> events, read one at a time rather than all at once.
/// </summary>
public sealed class RuleDryRun(IDbContextFactory<PortalDbContext> contexts, RuleEffects effects, IOptions<RuleOptions> options)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>True while a run holds the gate (a second one is refused meanwhile).</summary>
    public bool IsRunning => _gate.CurrentCount == 0;

    public async Task<RuleResult<DryRunResult>> RunAsync(DryRunRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RuleDefinition? draft = null;
        if (request.Rule is null) errors["rule"] = ["A draft rule is required."];
        else if (!RuleValidator.TryValidate(request.Rule, out draft, out var ruleErrors, options.Value))
            foreach (var (k, v) in ruleErrors) errors["rule." + k] = v;
        var limit = request.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"limit must be from 1 to {MaxLimit}."];
        if (request.From is { } from && request.To is { } to && from >= to) errors["from"] = ["from must be before to."];
        if (draft is null || errors.Count > 0) return RuleResult<DryRunResult>.Invalid(errors);

        if (!_gate.Wait(0)) return RuleResult<DryRunResult>.Unavailable();
        try
        {
            var rule = RuleCompiler.Compile(0, draft, new RuleCounters(0, null));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(options.Value.DryRunTimeoutMs);
            var keepAlives = request.IncludeKeepAlives ?? false;
            var (examined, matches) = await ScanAsync(rule, limit, request.From, request.To, keepAlives, deadline.Token);
            ct.ThrowIfCancellationRequested();
            return RuleResult<DryRunResult>.Ok(new DryRunResult(examined, matches.Count, matches, effects.Predict(draft, null),
                Complete: !deadline.IsCancellationRequested, request.From, request.To, KeepAlivesLeftOut: !keepAlives));
        }
        finally { _gate.Release(); }
    }

    /// <summary>Stops quietly at the deadline: what was examined until then is the answer.</summary>
    private async Task<(int Examined, List<DryRunMatch> Matches)> ScanAsync(CompiledRule rule, int limit, DateTimeOffset? from, DateTimeOffset? to,
        bool keepAlives, CancellationToken deadline)
    {
        var examined = 0;
        var matches = new List<DryRunMatch>();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(deadline);
            var query = db.Events.AsNoTracking().Where(e => !e.Rejected);
            if (!keepAlives) query = query.Where(e => e.Method != KeepAlive.Method);
            if (from is { } f)
            {
                var fromMs = f.ToUnixTimeMilliseconds();
                query = query.Where(e => e.ReceivedAtMs >= fromMs);
            }
            if (to is { } t)
            {
                var toMs = t.ToUnixTimeMilliseconds();
                query = query.Where(e => e.ReceivedAtMs < toMs);
            }
            var events = query.OrderByDescending(e => e.Id).Take(limit)
                .Select(e => new { e.Id, e.ReceivedAtMs, e.App, e.Method, e.Body, e.BodyEncoding })
                .AsAsyncEnumerable();
            await foreach (var e in events.WithCancellation(deadline))
            {
                if (deadline.IsCancellationRequested) break;
                examined++;
                if (e.BodyEncoding is not null || e.Body is null) continue;
                var bytes = Encoding.UTF8.GetBytes(e.Body);
                if (HookBodyParser.Parse(bytes).Fields is not { } fields) continue;
                using var body = new HookBodyView(bytes);
                var hook = new HookRequest(e.App, e.Method, HookCatalogue.KindOf(e.Method), fields, bytes);
                if (RuleMatcher.ConditionsHold(rule, hook, body))
                    matches.Add(new DryRunMatch(e.Id, DateTimeOffset.FromUnixTimeMilliseconds(e.ReceivedAtMs), e.Method,
                        fields.AppKey, fields.Name, fields.SessionId, fields.Status));
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }
        return (examined, matches);
    }
}
