namespace StreamPortal.Rules;

/// <summary>Decides the answer to a hook. Called on the hot path: must not touch the database.</summary>
public interface IHookResponder
{
    HookDecision Decide(HookRequest request);

    /// <summary>
    /// <see cref="Decide"/>, with max-hits rules counted across the cluster when clustering is on: only a hook that
    /// reaches such a rule waits, for a bounded time, on Redis; every other completes synchronously.
    /// </summary>
    ValueTask<HookDecision> DecideAsync(HookRequest request, CancellationToken ct);

    /// <summary>The restClientConfig JSON object to merge into a 200 answer to connect for this appKey, or null.</summary>
    string? RestClientConfigFor(string? appKey);
}
