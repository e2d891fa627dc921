namespace StreamPortal.Hosting;

/// <summary>
/// StreamPortal:DataProtection: an optional certificate that encrypts the Data Protection keys (which sign the login
/// cookie and the antiforgery tokens) at rest in the portal's database. Without one, the keys are as protected as
/// the database file.
/// </summary>
public sealed class PortalDataProtectionOptions
{
    public const string Section = "StreamPortal:DataProtection";

    /// <summary>A PFX/PKCS#12 file with the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
