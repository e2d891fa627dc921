namespace StreamPortal.Rules;

/// <summary>
/// The live counters of one rule. They outlive snapshots (kept by rule id), so a rebuild never loses a hit or
/// lets a max-hits rule fire again. Hits is the authority for max-hits; the database copy follows the events.
/// </summary>
public sealed class RuleCounters(long hits, long? lastHitAtMs)
{
    private long _hits = hits;
    private long _matches;
    private long _lastHitAtMs = lastHitAtMs ?? 0;
    private long _regexTimeouts;
    private long _generation;

    /// <summary>The rule's counter generation in the snapshot in force (see <see cref="CompiledRule.Generation"/>).</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Set by each snapshot before it is swapped in; counts seen for another generation are ignored from then on.</summary>
    public void MoveTo(long generation) => Volatile.Write(ref _generation, generation);

    public long Hits => Volatile.Read(ref _hits);
    public long? LastHitAtMs => Volatile.Read(ref _lastHitAtMs) is var ms && ms > 0 ? ms : null;

    /// <summary>
    /// Evaluations of this rule's regexes that hit the match timeout since the process started (each one let a hook
    /// through unmatched: see <see cref="RuleMatcher"/>). Only backtracking-engine patterns can time out.
    /// </summary>
    public long RegexTimeouts => Volatile.Read(ref _regexTimeouts);

    public long CountRegexTimeout() => Interlocked.Increment(ref _regexTimeouts);

    /// <summary>Counts a hook that met the conditions while the rule was active (what every-Nth counts).</summary>
    public long CountMatch() => Interlocked.Increment(ref _matches);

    /// <summary>Takes one hit if the limit allows it; concurrent callers never take more than maxHits in total.</summary>
    public bool TryHit(long? maxHits, long nowMs)
    {
        if (maxHits is { } max)
        {
            while (true)
            {
                var current = Volatile.Read(ref _hits);
                if (current >= max) return false;
                if (Interlocked.CompareExchange(ref _hits, current + 1, current) == current) break;
            }
        }
        else Interlocked.Increment(ref _hits);
        Volatile.Write(ref _lastHitAtMs, nowMs);
        return true;
    }

    /// <summary>
    /// Raises the counter to a count seen elsewhere (the cluster's Redis counter, or the hits every instance stored):
    /// in a cluster this counter then shows the cluster's hits, and it is where counting resumes if Redis goes away.
    /// Never lowers it (only <see cref="Reset"/> does). A count of another generation (an answer from Redis or a stored
    /// row read before a reset, arriving after it) is ignored: it would undo the reset.
    /// </summary>
    public void Observe(long hits, long? lastHitAtMs, long generation)
    {
        if (generation != Generation) return;
        RaiseTo(ref _hits, hits);
        if (lastHitAtMs is { } at) RaiseTo(ref _lastHitAtMs, at);
    }

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> if that is larger, atomically against other callers.</summary>
    private static void RaiseTo(ref long field, long value)
    {
        var current = Volatile.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current) break;
            current = seen;
        }
    }

    /// <summary>Only for an explicit reset by an operator.</summary>
    public void Reset()
    {
        Volatile.Write(ref _hits, 0);
        Volatile.Write(ref _matches, 0);
        Volatile.Write(ref _lastHitAtMs, 0);
    }
}
