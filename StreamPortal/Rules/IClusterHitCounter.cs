namespace StreamPortal.Rules;

/// <summary>What the cluster-wide counter said about one hit of a max-hits rule.</summary>
public enum ClusterHitOutcome
{
    /// <summary>The hit was taken: the rule fires.</summary>
    Taken,

    /// <summary>The rule has its maxHits already (cluster-wide): it does not fire.</summary>
    Spent,

    /// <summary>No answer in time (Redis away or slow): the instance falls back to its own counter.</summary>
    Unavailable,
}

/// <summary>The outcome and the cluster's hit count after it (0 when <see cref="ClusterHitOutcome.Unavailable"/>).</summary>
public readonly record struct ClusterHit(ClusterHitOutcome Outcome, long Hits);

/// <summary>
/// Hits of max-hits rules counted across the cluster (an atomic Redis operation), so that maxHits holds over every
/// instance together. Not used without clustering, nor for rules without maxHits.
/// </summary>
public interface IClusterHitCounter
{
    /// <summary>Clustering on and Redis reachable now; when false the engine counts locally without asking.</summary>
    bool IsAvailable { get; }

    /// <param name="generation">Changes when an operator resets the rule's counter: a new generation counts afresh.</param>
    /// <param name="seed">The count to start from when the cluster has none for this generation (e.g. Redis restarted empty).</param>
    ValueTask<ClusterHit> TryHitAsync(long ruleId, long generation, long maxHits, long seed, CancellationToken ct);

    /// <summary>
    /// Starts a generation's count at zero (an operator's reset), so that no instance seeds it from a counter it has
    /// not zeroed yet. Best effort: false when Redis did not take it.
    /// </summary>
    Task<bool> StartGenerationAsync(long ruleId, long generation, CancellationToken ct);
}
