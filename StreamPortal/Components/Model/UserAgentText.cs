using System.Text.RegularExpressions;

namespace StreamPortal.Components.Model;

/// <summary>
/// A user-agent string said in a few words ("Chrome 124 · Windows"), so that a row stays one line; the whole string
/// goes in the title and in the details. Not a full parser: the browsers and systems WCS clients run on, in the order
/// that tells them apart (Edge and Opera also say Chrome, Chrome also says Safari).
/// </summary>
// Its patterns run over caller-chosen text (bodies and user agents up to the hook body limit): on the
// non-backtracking engine, so that no input makes them superlinear.
public static partial class UserAgentText
{
    public static string Short(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "";
        var browser = Browser(userAgent);
        var os = System(userAgent);
        if (browser is null && os is null) return userAgent.Length <= 40 ? userAgent : userAgent[..40] + "…";
        return browser is not null && os is not null ? $"{browser} · {os}" : (browser ?? os)!;
    }

    private static string? Browser(string ua)
    {
        foreach (var (pattern, name) in Browsers)
        {
            var m = pattern.Match(ua);
            if (m.Success) return m.Groups["v"].Success ? $"{name} {m.Groups["v"].Value}" : name;
        }
        return null;
    }

    private static string? System(string ua)
    {
        foreach (var (marker, name) in Systems)
            if (ua.Contains(marker, StringComparison.OrdinalIgnoreCase)) return name;
        return null;
    }

    private static readonly (Regex, string)[] Browsers =
    [
        (EdgeRegex(), "Edge"),
        (OperaRegex(), "Opera"),
        (FirefoxRegex(), "Firefox"),
        (ChromeRegex(), "Chrome"),
        (SafariRegex(), "Safari"),
        (OkHttpRegex(), "OkHttp"),
    ];

    // Mobile systems before desktop ones: Android says Linux, iOS says "like Mac OS X".
    private static readonly (string, string)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"), ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    [GeneratedRegex(@"Edg(?:e|A|iOS)?/(?<v>\d+)", RegexOptions.NonBacktracking)] private static partial Regex EdgeRegex();
    [GeneratedRegex(@"(?:OPR|Opera)/(?<v>\d+)", RegexOptions.NonBacktracking)] private static partial Regex OperaRegex();
    [GeneratedRegex(@"(?:Firefox|FxiOS)/(?<v>\d+)", RegexOptions.NonBacktracking)] private static partial Regex FirefoxRegex();
    [GeneratedRegex(@"(?:Chrome|CriOS)/(?<v>\d+)", RegexOptions.NonBacktracking)] private static partial Regex ChromeRegex();
    [GeneratedRegex(@"Version/(?<v>\d+(?:\.\d+)?).*Safari/", RegexOptions.NonBacktracking)] private static partial Regex SafariRegex();
    [GeneratedRegex(@"okhttp/(?<v>\d+(?:\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex OkHttpRegex();
}
