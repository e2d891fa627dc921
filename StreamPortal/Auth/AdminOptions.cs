namespace StreamPortal.Auth;

/// <summary>StreamPortal:Admin: the first admin's password, used only while no user exists.</summary>
public sealed class AdminOptions
{
    public const string Section = "StreamPortal:Admin";

    /// <summary>Empty or absent: the first start generates a password and prints it once.</summary>
    public string? Password { get; set; }
}
