using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;

namespace StreamPortal.Replay;

/// <summary>
/// Resends stored events, one or all of a session or stream in their original order, to this portal or to another
/// hook base URL. Session and stream replays skip earlier replays (their originals are replayed instead), so that
/// replaying twice does not send every hook twice over.
/// </summary>
public sealed class ReplayService(
    IDbContextFactory<PortalDbContext> contexts, LocalReplayTarget local, RemoteReplayTarget remote, TimeProvider time)
{
    public const string ThisPortal = "this portal";

    /// <returns>Null when there is no such event.</returns>
    public async Task<ReplayRun?> ReplayEventAsync(long id, ReplaySettings settings, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var original = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        return original is null ? null : await RunAsync([original], settings, ct);
    }

    /// <returns>Null when the session has no events; a <see cref="ReplayTooLargeException"/> past the limit.</returns>
    public Task<ReplayRun?> ReplaySessionAsync(string sessionId, ReplaySettings settings, CancellationToken ct) =>
        ReplayManyAsync((events, keys) => events.WhereSessionId(keys, sessionId), settings, ct);

    public Task<ReplayRun?> ReplayStreamAsync(string mediaSessionId, ReplaySettings settings, CancellationToken ct) =>
        ReplayManyAsync((events, keys) => events.WhereMediaSessionId(keys, mediaSessionId), settings, ct);

    private async Task<ReplayRun?> ReplayManyAsync(
        Func<IQueryable<HookEvent>, IQueryable<EventKey>, IQueryable<HookEvent>> select, ReplaySettings settings, CancellationToken ct)
    {
        List<HookEvent> originals;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            originals = await select(db.Events.AsNoTracking(), db.EventKeys).Where(e => e.ReplayOf == null)
                .OrderBy(e => e.Id).Take(ReplayLimits.MaxEvents + 1).ToListAsync(ct);
        }
        if (originals.Count == 0) return null;
        if (originals.Count > ReplayLimits.MaxEvents) throw new ReplayTooLargeException();
        return await RunAsync(originals, settings, ct);
    }

    private async Task<ReplayRun> RunAsync(IReadOnlyList<HookEvent> originals, ReplaySettings settings, CancellationToken ct)
    {
        var outcomes = new List<ReplayOutcome>(originals.Count);
        var started = time.GetTimestamp();
        var due = TimeSpan.Zero;
        for (var i = 0; i < originals.Count; i++)
        {
            var original = originals[i];
            if (i > 0 && settings.Pace == ReplayPace.Original)
            {
                // Each original gap, capped, added to a schedule from the start: time spent sending is not added on top.
                var gap = TimeSpan.FromMilliseconds(Math.Max(0, original.ReceivedAtMs - originals[i - 1].ReceivedAtMs));
                due += gap < ReplayLimits.MaxGap ? gap : ReplayLimits.MaxGap;
                var wait = due - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
            }
            var body = settings.Body ?? StoredHooks.BodyBytes(original.Body, original.BodyEncoding);
            var sent = settings.Target is { } url
                ? await remote.SendAsync(original, body, url, ct)
                : await local.SendAsync(original, body, ct);
            outcomes.Add(new ReplayOutcome(original.Id, original.Method, sent.ReplayId, ReplayAnswers.Of(original), sent.Answer, sent.Error));
        }
        return new ReplayRun(settings.Target?.AbsoluteUri ?? ThisPortal, settings.Pace, outcomes);
    }
}

/// <summary>A session or stream has more events than one replay may send.</summary>
public sealed class ReplayTooLargeException() : Exception($"More than {ReplayLimits.MaxEvents} events: one replay sends at most that many.");
