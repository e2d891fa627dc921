namespace StreamPortal.Rules;

/// <summary>Answers every hook with a plain mirror; used when no rule engine is registered.</summary>
public sealed class MirrorResponder : IHookResponder
{
    public HookDecision Decide(HookRequest request) => HookDecision.Mirror;
    public string? RestClientConfigFor(string? appKey) => null;
}
