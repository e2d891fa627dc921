using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Wcs;

namespace StreamPortal.Rules;

/// <summary>
/// What the live sessions were actually told at their connect: WCS keeps the restClientConfig it was given until the
/// client reconnects, so a policy changed since then does not reach them. A rule's effect on the sessions open now is
/// therefore counted from each session's stored answer, not from the policy in force.
/// </summary>
public sealed class LiveSessionPolicies(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>The most recently seen live sessions looked at (the query must stay cheap beside the hooks).</summary>
    public const int MaxSessions = 5_000;

    public sealed record LiveSession(string? AppKey, IReadOnlyDictionary<string, MethodPolicy> Config);

    /// <summary>One read of the live sessions, reused for every rule on a page.</summary>
    public sealed record Snapshot(IReadOnlyList<LiveSession> Sessions, bool Capped)
    {
        public static readonly Snapshot Empty = new([], false);

        /// <summary>One line per method of the rule whose answer restOnError decides (not connect); none without methods.</summary>
        public IReadOnlyList<string> Describe(RuleDefinition rule)
        {
            var methods = rule.Match.Methods.Distinct().Where(m => HookCatalogue.KindOf(m) != HookKind.Connect).ToList();
            if (methods.Count == 0) return [];
            var glob = new Glob(rule.Match.AppKey ?? "*");
            var mine = Sessions.Where(s => glob.IsMatch(s.AppKey)).ToList();
            var scope = $"{mine.Count}{(Capped ? "+" : "")} live session{(mine.Count == 1 ? "" : "s")}{(rule.Match.AppKey is { } k && k != "*" ? $" of appKey {k}" : "")}";
            if (mine.Count == 0) return [$"Live sessions: none{(rule.Match.AppKey is { } a && a != "*" ? $" of appKey {a}" : "")} now."];
            return methods.Select(m =>
            {
                var fail = mine.Count(s => s.Config.TryGetValue(m, out var p) && p.Fails);
                return $"Live sessions: of {scope}, {fail} got restOnError FAIL for {m} at connect and {mine.Count - fail} LOG (a changed policy reaches them when they reconnect).";
            }).ToList();
        }
    }

    public async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Established)
            .OrderByDescending(s => s.LastSeenMs).Take(MaxSessions + 1)
            .Select(s => new { s.AppKey, s.RestClientConfig })
            .ToListAsync(ct);
        var sessions = rows.Take(MaxSessions)
            .Select(r => new LiveSession(r.AppKey, r.RestClientConfig is { Length: > 0 } json ? ConnectPolicies.Parse(json) : new Dictionary<string, MethodPolicy>()))
            .ToList();
        return new Snapshot(sessions, rows.Count > MaxSessions);
    }
}
