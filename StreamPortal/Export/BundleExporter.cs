using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;
using StreamPortal.Rules;

namespace StreamPortal.Export;

/// <summary>Builds the bug-report bundle of one session or stream (see <see cref="EventBundle"/>).</summary>
public sealed class BundleExporter(
    IDbContextFactory<PortalDbContext> contexts, RuleService rules, ConnectPolicyService policies, IOptions<JsonOptions> json, TimeProvider time)
{
    /// <returns>Null when the session has no events; a <see cref="BundleTooLargeException"/> past the limit.</returns>
    public Task<EventBundle?> SessionAsync(string sessionId, CancellationToken ct) =>
        BuildAsync(new BundleScope(BundleScope.Session, sessionId), (events, keys) => events.WhereSessionId(keys, sessionId), ct);

    public Task<EventBundle?> StreamAsync(string mediaSessionId, CancellationToken ct) =>
        BuildAsync(new BundleScope(BundleScope.Stream, mediaSessionId), (events, keys) => events.WhereMediaSessionId(keys, mediaSessionId), ct);

    private async Task<EventBundle?> BuildAsync(BundleScope scope,
        Func<IQueryable<HookEvent>, IQueryable<EventKey>, IQueryable<HookEvent>> select, CancellationToken ct)
    {
        List<HookEvent> events;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            events = await select(db.Events.AsNoTracking(), db.EventKeys).OrderBy(e => e.Id).Take(BundleLimits.MaxEvents + 1).ToListAsync(ct);
        }
        if (events.Count == 0) return null;
        if (events.Count > BundleLimits.MaxEvents) throw new BundleTooLargeException();
        var ruleViews = await rules.ListAsync(null, ct);
        var policyViews = await policies.ListAsync(ct);
        return new EventBundle(EventBundle.FormatName, EventBundle.CurrentVersion, Guid.NewGuid().ToString("N"), time.GetUtcNow(), scope,
            [.. events.Select(ToBundle)],
            [.. ruleViews.Select(r => JsonSerializer.SerializeToElement(r, json.Value.SerializerOptions))],
            [.. policyViews.Select(p => JsonSerializer.SerializeToElement(p, json.Value.SerializerOptions))]);
    }

    private static BundleEvent ToBundle(HookEvent e) => new(
        e.Id, StoredTime.From(e.ReceivedAtMs), e.App, e.Method, e.Body, e.BodyEncoding,
        string.IsNullOrEmpty(e.Headers) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Headers) ?? [],
        e.RemoteAddress, e.AnswerStatus, e.AnswerBody, e.RuleId, e.RuleName, e.DelayMs, e.LatencyMs, e.Rejected, e.RejectReason,
        e.AnswerDelivered != false, e.ReplayOf);
}

/// <summary>A session or stream has more events than one bundle holds.</summary>
public sealed class BundleTooLargeException() : Exception($"More than {BundleLimits.MaxEvents} events: one bundle holds at most that many.");
