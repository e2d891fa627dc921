namespace StreamPortal.Auth;

/// <summary>StreamPortal:ApiKeys: keys accepted in X-Api-Key with the admin role, besides those created in the console.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The section holding the ApiKeys array (its other children are other options' sections).</summary>
    public const string Section = "StreamPortal";

    public string[] ApiKeys { get; set; } = [];
}
