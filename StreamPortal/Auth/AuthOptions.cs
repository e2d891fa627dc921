namespace StreamPortal.Auth;

/// <summary>StreamPortal:Auth: how many wrong passwords lock a user name for one client address, for how long, and how fast one address may try.</summary>
public sealed class AuthOptions
{
    public const string Section = "StreamPortal:Auth";

    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 5;
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>Sign-in attempts one client address may make per minute (POST /account/login); more get 429.</summary>
    public int LoginsPerMinute { get; set; } = 10;
}
