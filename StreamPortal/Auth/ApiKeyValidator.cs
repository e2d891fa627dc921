using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace StreamPortal.Auth;

/// <summary>Checks an API key: the configured StreamPortal:ApiKeys (admin), then keys created in the console (hashed).</summary>
public sealed class ApiKeyValidator(IOptionsMonitor<ApiKeyOptions> options, IApiKeyStore? store = null)
{
    /// <returns>The key's role, or null when the key is unknown or revoked.</returns>
    public string? Validate(string presented)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        // Every configured key is compared, in constant time each, so timing says nothing about which nearly matched.
        foreach (var key in options.CurrentValue.ApiKeys)
            match |= CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key));
        if (match) return PortalRoles.Admin;
        return store?.RoleOf(Hash(presented));
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>API keys created in the console, looked up by their SHA-256 hash.</summary>
public interface IApiKeyStore
{
    string? RoleOf(string keyHash);
}
