using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;
using StreamPortal.Data.Entities;

namespace StreamPortal.Anomalies;

/// <summary>
/// The open anomalies, in memory, and the changes not yet stored. Used only by the detector's single loop, so it
/// takes no lock; <see cref="OpenCounts"/> is an immutable snapshot others may read at any time.
/// </summary>
public sealed class AnomalyBook
{
    /// <summary>
    /// Open anomalies per kind beyond which new ones are not recorded: hostile traffic (a late hook for each of a
    /// million made-up streams) must not grow memory and the table without bound.
    /// </summary>
    public const int MaxOpenPerKind = 10_000;

    private readonly Dictionary<(string Kind, string Subject), Anomaly> _open = new();
    private readonly HashSet<Anomaly> _dirty = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyDictionary<string, int> _counts = AnomalyKind.All.ToDictionary(k => k, _ => 0);

    public IReadOnlyDictionary<string, int> OpenCounts => Volatile.Read(ref _counts);

    public bool HasChanges => _dirty.Count > 0;

    public int SkippedOverLimit { get; private set; }

    public bool IsOpen(string kind, string subject) => _open.ContainsKey((kind, subject));

    public IReadOnlyList<Anomaly> OpenOf(string kind) => _open.Where(p => p.Key.Kind == kind).Select(p => p.Value).ToList();

    /// <summary>Opens an anomaly, or adds the proof to the one open for that kind and subject.</summary>
    public void Report(string kind, string subjectType, string subject, long nowMs, long evidenceMs, string detail, params long[] eventIds)
    {
        if (_open.TryGetValue((kind, subject), out var open))
        {
            open.EventIds = AnomalyProof.Add(open.EventIds, eventIds);
            open.LastEvidenceMs = Math.Max(open.LastEvidenceMs, evidenceMs);
            open.Detail = detail;
            _dirty.Add(open);
            return;
        }
        if (OpenCounts.GetValueOrDefault(kind) >= MaxOpenPerKind) { SkippedOverLimit++; return; }
        var created = new Anomaly
        {
            Kind = kind, SubjectType = subjectType, Subject = subject, DetectedAtMs = nowMs, LastEvidenceMs = evidenceMs,
            Detail = detail, EventIds = AnomalyProof.Add("", eventIds),
        };
        _open[(kind, subject)] = created;
        _dirty.Add(created);
        Count(kind, +1);
    }

    /// <summary>Resolves the open anomaly of that kind and subject, if any, saying what healed it.</summary>
    public bool Resolve(string kind, string subject, long nowMs, string how) => Resolve(kind, subject, nowMs, how, static how => how);

    /// <summary>
    /// The same, with the text made only when an anomaly is there to resolve: the detector calls this for every hook,
    /// and the reason strings it made for nothing were 5 % of the portal's allocations at 1,000 hooks/s.
    /// </summary>
    public bool Resolve<TState>(string kind, string subject, long nowMs, TState state, Func<TState, string> how)
    {
        if (!_open.Remove((kind, subject), out var open)) return false;
        open.ResolvedAtMs = nowMs;
        open.Detail = $"{open.Detail} Resolved: {how(state)}";
        _dirty.Add(open);
        Count(kind, -1);
        return true;
    }

    /// <summary>Loads the anomalies left open by the previous run: they stay open until their state heals.</summary>
    public async Task LoadAsync(PortalDbContext db, CancellationToken ct)
    {
        _open.Clear();
        _dirty.Clear();
        foreach (var a in await db.Anomalies.AsNoTracking().Where(a => a.ResolvedAtMs == null).ToListAsync(ct))
            _open[(a.Kind, a.Subject)] = a;
        Recount();
    }

    /// <summary>Stores what changed since the last save; true when anything was stored.</summary>
    public async Task<bool> SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        if (_dirty.Count == 0) return false;
        foreach (var a in _dirty)
        {
            if (a.Id == 0) db.Anomalies.Add(a);
            else db.Anomalies.Update(a);
        }
        await db.SaveChangesAsync(ct);
        _dirty.Clear();
        return true;
    }

    private void Recount()
    {
        var counts = AnomalyKind.All.ToDictionary(k => k, _ => 0);
        foreach (var (kind, _) in _open.Keys) counts[kind] = counts.GetValueOrDefault(kind) + 1;
        Volatile.Write(ref _counts, counts);
    }

    /// <summary>A new snapshot of six numbers per change: readers never see one being written.</summary>
    private void Count(string kind, int delta)
    {
        var counts = new Dictionary<string, int>(OpenCounts);
        counts[kind] = counts.GetValueOrDefault(kind) + delta;
        Volatile.Write(ref _counts, counts);
    }
}
