namespace StreamPortal.Auth;

public static class PortalRoles
{
    public const string Admin = "admin";
    public const string Viewer = "viewer";

    /// <summary>Policy: any signed-in user or valid API key.</summary>
    public const string CanView = "CanView";
    /// <summary>Policy: admins only (rule, policy, user and setting edits).</summary>
    public const string CanEdit = "CanEdit";

    /// <summary>Cookie for people, X-Api-Key for scripts: the default scheme picks by the request.</summary>
    public const string Scheme = "Portal";
    public const string ApiKeyScheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
}
