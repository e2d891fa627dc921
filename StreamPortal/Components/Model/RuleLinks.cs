namespace StreamPortal.Components.Model;

/// <summary>The Rules page opened on one rule (the page reads <c>id</c>); every "matched rule" link goes through here.</summary>
public static class RuleLinks
{
    public static string Href(long ruleId) => "/rules?id=" + ruleId;
}
