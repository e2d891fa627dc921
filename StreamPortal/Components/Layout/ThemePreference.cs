namespace StreamPortal.Components.Layout;

/// <summary>The theme the layout starts with, and whether the user chose it (else it follows the OS setting).</summary>
public sealed record ThemeState(bool Dark, bool Chosen);

/// <summary>
/// The console's light/dark preference, kept in cookies so that the server renders the right theme from the first
/// byte (a stored choice read only in the browser would show the light theme first, then flip). Two cookies:
/// the user's choice, written when the toggle is used; and the OS setting as the browser last reported it
/// (console.js writes it on every page load), so a user who never chose gets the OS theme without a flash after the
/// first visit. Neither is a secret or an identifier: plain values, readable by script on purpose.
/// </summary>
public static class ThemePreference
{
    public const string ChoiceCookie = "sp-theme";
    public const string SystemCookie = "sp-system-theme";
    public const string Dark = "dark";
    public const string Light = "light";

    public static ThemeState From(IRequestCookieCollection? cookies)
    {
        var choice = Parse(cookies?[ChoiceCookie]);
        if (choice is { } chosen) return new ThemeState(chosen, Chosen: true);
        return new ThemeState(Parse(cookies?[SystemCookie]) ?? false, Chosen: false);
    }

    public static string Name(bool dark) => dark ? Dark : Light;

    /// <summary>Anything but the two known values is ignored (cookies are client input).</summary>
    private static bool? Parse(string? value) => value switch
    {
        Dark => true,
        Light => false,
        _ => null,
    };
}
