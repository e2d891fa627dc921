namespace StreamPortal.Hooks;

/// <summary>StreamPortal:Hooks configuration.</summary>
public sealed class HookOptions
{
    public const string Section = "StreamPortal:Hooks";

    /// <summary>The first path segment of hook URLs: /{RoutePrefix}/{app}/{method} (slashes around it are dropped).</summary>
    public string RoutePrefix { get; set; } = "rest";

    /// <summary>Bodies larger than this are answered 413 (and their first bytes kept as a rejected event).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Caller authentication per app segment of the URL (the part WCS's app URL ends with, e.g. "my_api");
    /// the entry "*" applies to segments without an entry of their own. Empty: no authentication.
    /// Looked up case-insensitively, like the route and configuration keys.
    /// </summary>
    public Dictionary<string, HookCallerAuth> Callers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What one WCS application must present: HTTP Basic, the body signature, or both.</summary>
public sealed class HookCallerAuth
{
    /// <summary>WCS's restUsername for the application.</summary>
    public string? Username { get; set; }
    /// <summary>WCS's restPassword for the application.</summary>
    public string? Password { get; set; }
    /// <summary>WCS's rest_hook_secret_key (with rest_hook_send_hash=true).</summary>
    public string? SignatureKey { get; set; }
}
