namespace StreamPortal.Data.Entities;

/// <summary>An API key created in the console; only its SHA-256 hash is stored.</summary>
public sealed class ApiKeyRecord
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    /// <summary>The first characters, so that an admin can tell keys apart.</summary>
    public string Prefix { get; set; } = "";
    public string Role { get; set; } = "admin";
    public long CreatedAtMs { get; set; }
    public long? RevokedAtMs { get; set; }
}
