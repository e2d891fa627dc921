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

    /// <summary>
    /// Identical bodies of the same method arriving within this many seconds of the first are marked as its duplicates
    /// (WCS re-sends a hook whose sending failed); 0 turns the check off. Editable in Settings (stored there then).
    /// </summary>
    public int DuplicateWindowSeconds { get; set; } = 30;

    /// <summary>Hook bodies the writer remembers for the duplicate check (memory bound; the oldest are forgotten first).</summary>
    public int DuplicateTrackedBodies { get; set; } = 20_000;
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

    /// <summary>
    /// Enforce (default): a hook that fails the check is refused. Shadow: the check runs and its outcome is recorded
    /// and counted, but the hook is served as if there were no check. Off: no check.
    /// </summary>
    public CallerAuthMode Mode { get; set; } = CallerAuthMode.Enforce;
}

/// <summary>What a caller entry's failed check does (bound from "Enforce", "Shadow" or "Off" in any case).</summary>
public enum CallerAuthMode
{
    Enforce,
    Shadow,
    Off,
}
