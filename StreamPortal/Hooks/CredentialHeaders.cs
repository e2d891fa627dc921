using System.Collections.Frozen;
using System.Text;

namespace StreamPortal.Hooks;

/// <summary>
/// The one list of request headers that carry secrets. Their stored value keeps what helps to understand a failed
/// check (the scheme, the cookie names) and never the secret itself, because stored headers are shown to viewers.
/// </summary>
internal static class CredentialHeaders
{
    public const string Redacted = "(redacted)";

    private enum Shape { Scheme, Cookies, SetCookie, Whole }

    private static readonly FrozenDictionary<string, Shape> Headers = new Dictionary<string, Shape>
    {
        ["Authorization"] = Shape.Scheme,
        ["Proxy-Authorization"] = Shape.Scheme,
        ["Cookie"] = Shape.Cookies,
        ["Set-Cookie"] = Shape.SetCookie,
        ["X-Api-Key"] = Shape.Whole,
        ["Api-Key"] = Shape.Whole,
        ["X-Auth-Token"] = Shape.Whole,
        ["X-Access-Token"] = Shape.Whole,
        ["X-Csrf-Token"] = Shape.Whole,
        ["X-Xsrf-Token"] = Shape.Whole,
        ["X-Amz-Security-Token"] = Shape.Whole,
        ["X-Goog-Api-Key"] = Shape.Whole,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The value to store for this header: as received, or redacted when the header carries a secret.</summary>
    public static string StoredValue(string name, string value) =>
        !Headers.TryGetValue(name, out var shape) ? value : shape switch
        {
            Shape.Scheme => Scheme(value),
            Shape.Cookies => Names(value.Split(';'), "; "),
            // Several Set-Cookie values arrive joined by ','; each keeps its name, its attributes are dropped.
            Shape.SetCookie => Names(value.Split(',').Select(c => c.Split(';', 2)[0]), ", "),
            _ => Redacted,
        };

    /// <summary>"Basic d2Nz..." becomes "Basic (redacted)"; a bare token has no scheme to keep.</summary>
    private static string Scheme(string value)
    {
        var trimmed = value.Trim();
        var space = trimmed.IndexOf(' ');
        return space <= 0 ? Redacted : trimmed[..space] + " " + Redacted;
    }

    /// <summary>"a=1; b=2" becomes "a=(redacted); b=(redacted)".</summary>
    private static string Names(IEnumerable<string> cookies, string separator)
    {
        var stored = new StringBuilder();
        foreach (var cookie in cookies)
        {
            var part = cookie.Trim();
            if (part.Length == 0) continue;
            if (stored.Length > 0) stored.Append(separator);
            var eq = part.IndexOf('=');
            stored.Append(eq < 0 ? Redacted : part[..eq] + "=" + Redacted);
        }
        return stored.Length == 0 ? Redacted : stored.ToString();
    }
}
