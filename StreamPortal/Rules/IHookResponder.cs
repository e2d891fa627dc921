namespace StreamPortal.Rules;

/// <summary>Decides the answer to a hook. Called on the hot path: must not touch the database.</summary>
public interface IHookResponder
{
    HookDecision Decide(HookRequest request);

    /// <summary>The restClientConfig JSON object to merge into a 200 answer to connect for this appKey, or null.</summary>
    string? RestClientConfigFor(string? appKey);
}
