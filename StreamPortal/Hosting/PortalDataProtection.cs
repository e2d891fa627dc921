using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using StreamPortal.Data;

namespace StreamPortal.Hosting;

public static class PortalDataProtection
{
    public const string ApplicationName = "StreamPortal";

    /// <summary>
    /// Data Protection keys in the portal's own database instead of the user's home folder: two portals on one host
    /// (different databases) no longer accept each other's cookies, and a restarted portal still accepts its own.
    /// With StreamPortal:DataProtection:CertificatePath the keys are encrypted with that certificate.
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PortalDataProtectionOptions, ValidatePortalDataProtectionOptions>(PortalDataProtectionOptions.Section);
        var protection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();
        // The certificate is needed while registering (the decryption side has no public options to set later);
        // a certificate that does not load is reported by ValidatePortalDataProtectionOptions at start, naming the key.
        var options = configuration.GetSection(PortalDataProtectionOptions.Section).Get<PortalDataProtectionOptions>();
        if (options is { CertificatePath.Length: > 0 } && TryLoadCertificate(options) is { HasPrivateKey: true } certificate)
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        // Several instances on one database sign with one key from their first request (see EnsureDataProtectionKey).
        services.AddStartupTask<EnsureDataProtectionKey>();
        return services;
    }

    internal static X509Certificate2 LoadCertificate(PortalDataProtectionOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);

    private static X509Certificate2? TryLoadCertificate(PortalDataProtectionOptions options)
    {
        try { return File.Exists(options.CertificatePath) ? LoadCertificate(options) : null; }
        catch (CryptographicException) { return null; }
    }
}
