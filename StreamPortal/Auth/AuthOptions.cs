namespace StreamPortal.Auth;

/// <summary>StreamPortal:Auth: how many wrong passwords lock an account, and for how long.</summary>
public sealed class AuthOptions
{
    public const string Section = "StreamPortal:Auth";

    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 5;
    public int MinPasswordLength { get; set; } = 8;
}
