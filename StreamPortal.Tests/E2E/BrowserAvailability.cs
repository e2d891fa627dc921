namespace StreamPortal.Tests.E2E;

/// <summary>
/// Which Chromium the browser tests drive, if any: Debian's (<c>apt-get install chromium</c>, the one CI installs) or one
/// that <c>playwright install chromium</c> put in Playwright's cache. Without one the tests are skipped with the fix in
/// the reason, unless <see cref="RequireVariable"/> is set (CI sets it), where a missing browser fails the run.
/// </summary>
public static class BrowserAvailability
{
    public const string DebianChromium = "/usr/bin/chromium";
    public const string RequireVariable = "STREAMPORTAL_REQUIRE_BROWSER";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true";

    /// <summary>Debian's Chromium, or null to let Playwright launch the one it installed (see <see cref="IsAvailable"/>).</summary>
    public static string? ExecutablePath { get; } = File.Exists(DebianChromium) ? DebianChromium : null;

    public static bool IsAvailable { get; } = ExecutablePath is not null || PlaywrightInstalledChromium();

    public static string MissingReason =>
        $"No Chromium: install Debian's (apt-get install -y chromium, giving {DebianChromium}) or Playwright's " +
        $"(pwsh bin/Debug/net10.0/playwright.ps1 install chromium). Set {RequireVariable}=1 to make this a failure.";

    private static bool PlaywrightInstalledChromium()
    {
        var root = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ms-playwright");
        return Directory.Exists(root) && Directory.EnumerateDirectories(root, "chromium-*").Any();
    }
}
