namespace StreamPortal.Data.Entities;

public sealed class PortalUser
{
    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    /// <summary>"admin" or "viewer".</summary>
    public string Role { get; set; } = "viewer";
    public int FailedLogins { get; set; }
    public long? LockedUntilMs { get; set; }
    public long CreatedAtMs { get; set; }
}
