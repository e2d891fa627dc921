using System.Collections.Concurrent;

namespace StreamPortal.Hooks;

/// <summary>What shadow caller authentication saw for one app segment since the portal started.</summary>
public sealed record ShadowAuthCount(string App, long Checked, long WouldRefuse, string? LastReason);

/// <summary>
/// Per app segment: hooks checked in Shadow mode and how many the check would have refused, so an operator can turn
/// enforcement on knowing what it will refuse (Settings page, <c>GET /api/hooks/shadow-auth</c>). In memory, since the
/// start (each such event also keeps its <c>shadowRefusal</c>). The app segment is chosen by the caller, so at most
/// <see cref="MaxApps"/> are told apart; the rest are summed under <see cref="OtherApps"/>.
/// </summary>
public sealed class ShadowAuthCounts
{
    public const int MaxApps = 1000;
    public const string OtherApps = "(other apps)";

    private readonly ConcurrentDictionary<string, Counter> _apps = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="refusal">Why the check failed, or null when it passed.</param>
    public void Count(string app, string? refusal)
    {
        if (!_apps.TryGetValue(app, out var counter))
            counter = _apps.Count >= MaxApps ? _apps.GetOrAdd(OtherApps, _ => new Counter()) : _apps.GetOrAdd(app, _ => new Counter());
        Interlocked.Increment(ref counter.Checked);
        if (refusal is null) return;
        Interlocked.Increment(ref counter.WouldRefuse);
        counter.LastReason = refusal;
    }

    public IReadOnlyList<ShadowAuthCount> Snapshot() =>
        _apps.Select(a => new ShadowAuthCount(a.Key, Interlocked.Read(ref a.Value.Checked), Interlocked.Read(ref a.Value.WouldRefuse), a.Value.LastReason))
            .OrderBy(a => a.App, StringComparer.OrdinalIgnoreCase).ToList();

    private sealed class Counter
    {
        public long Checked;
        public long WouldRefuse;
        public volatile string? LastReason;
    }
}
