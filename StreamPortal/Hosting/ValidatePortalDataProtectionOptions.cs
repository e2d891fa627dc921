using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace StreamPortal.Hosting;

/// <summary>A configured certificate must load and hold a private key: otherwise keys could be written but never read back.</summary>
public sealed class ValidatePortalDataProtectionOptions : IValidateOptions<PortalDataProtectionOptions>
{
    private static readonly string PathKey = $"{PortalDataProtectionOptions.Section}:{nameof(PortalDataProtectionOptions.CertificatePath)}";
    private static readonly string PasswordKey = $"{PortalDataProtectionOptions.Section}:{nameof(PortalDataProtectionOptions.CertificatePassword)}";

    public ValidateOptionsResult Validate(string? name, PortalDataProtectionOptions options)
    {
        var failures = new OptionsFailures();
        if (string.IsNullOrEmpty(options.CertificatePath))
        {
            if (!string.IsNullOrEmpty(options.CertificatePassword)) failures.Add($"{PasswordKey} is set but {PathKey} is not.");
            return failures.Result();
        }
        if (!File.Exists(options.CertificatePath))
        {
            failures.Add($"{PathKey}: no file at '{options.CertificatePath}'.");
            return failures.Result();
        }
        try
        {
            using var certificate = PortalDataProtection.LoadCertificate(options);
            if (!certificate.HasPrivateKey) failures.Add($"{PathKey}: the certificate has no private key (keys could not be decrypted).");
        }
        catch (CryptographicException e)
        {
            failures.Add($"{PathKey}: the certificate cannot be read ({e.Message}); check {PasswordKey}.");
        }
        return failures.Result();
    }
}
