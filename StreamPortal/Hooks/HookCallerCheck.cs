using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace StreamPortal.Hooks;

/// <summary>
/// Checks a hook's caller against the app's configured credentials; secrets are compared in constant time. An entry in
/// Shadow mode is checked all the same, but a failure only comes back as <see cref="CallerVerdict.ShadowRefusal"/> (and
/// is counted per app in <see cref="ShadowAuthCounts"/>): the hook is served as if there were no check.
/// </summary>
public sealed class HookCallerCheck(IOptionsMonitor<HookOptions> options, ShadowAuthCounts shadow)
{
    public CallerVerdict Check(string app, string? authorization, ReadOnlySpan<byte> body)
    {
        var callers = options.CurrentValue.Callers;
        if (callers.Count == 0) return CallerVerdict.Allowed;
        if (!callers.TryGetValue(app, out var auth) && !callers.TryGetValue("*", out auth)) return CallerVerdict.Allowed;
        if (auth.Mode == CallerAuthMode.Off) return CallerVerdict.Allowed;
        var verdict = Verify(auth, authorization, body);
        if (auth.Mode != CallerAuthMode.Shadow) return verdict;
        var served = verdict.IsAllowed ? CallerVerdict.Allowed : CallerVerdict.Shadowed(verdict.Status, verdict.Reason!);
        shadow.Count(app, served.ShadowRefusal);
        return served;
    }

    private static CallerVerdict Verify(HookCallerAuth auth, string? authorization, ReadOnlySpan<byte> body)
    {
        if (auth.Username is not null || auth.Password is not null)
        {
            var basic = CheckBasic(auth, authorization);
            if (basic is not null) return basic;
        }
        if (!string.IsNullOrEmpty(auth.SignatureKey)) return CheckSignature(auth.SignatureKey, authorization, body);
        return CallerVerdict.Allowed;
    }

    private static CallerVerdict? CheckBasic(HookCallerAuth auth, string? authorization)
    {
        // WCS sends either Basic or the WCS signature in Authorization; when both are configured Basic is asked first.
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return CallerVerdict.Unauthorized("HTTP Basic credentials are required for this application.");
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim())); }
        catch (FormatException) { return CallerVerdict.Unauthorized("The Basic credentials are not valid base64."); }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return CallerVerdict.Unauthorized("The Basic credentials have no ':' between user and password.");
        var userOk = FixedEquals(decoded[..colon], auth.Username ?? "");
        var passOk = FixedEquals(decoded[(colon + 1)..], auth.Password ?? "");
        return userOk & passOk ? null : CallerVerdict.Unauthorized("Wrong user name or password.");
    }

    private static CallerVerdict CheckSignature(string key, string? authorization, ReadOnlySpan<byte> body)
    {
        if (authorization is null || !authorization.StartsWith("WCS ", StringComparison.Ordinal))
            return CallerVerdict.Forbidden("The 'Authorization: WCS <hmac>' body signature is required for this application.");
        Span<byte> mac = stackalloc byte[16];
        HMACMD5.HashData(Encoding.UTF8.GetBytes(key), body, mac);
        var expected = Convert.ToHexStringLower(mac);
        return FixedEquals(authorization[4..].Trim(), expected)
            ? CallerVerdict.Allowed
            : CallerVerdict.Forbidden("The body signature does not match.");
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

/// <param name="ShadowRefusal">For an entry in Shadow mode: the refusal the hook escaped ("401: reason"), else null.</param>
public sealed record CallerVerdict(int Status, string? Reason, string? ShadowRefusal = null)
{
    public static readonly CallerVerdict Allowed = new(200, null);
    public static CallerVerdict Shadowed(int status, string reason) => new(200, null, $"{status}: {reason}");
    public static CallerVerdict Unauthorized(string reason) => new(401, reason);
    public static CallerVerdict Forbidden(string reason) => new(403, reason);
    public bool IsAllowed => Status == 200;
}
