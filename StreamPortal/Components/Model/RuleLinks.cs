using System.Globalization;

namespace StreamPortal.Components.Model;

/// <summary>Where a rule and what it did live in the console (the Rules page opens ?id=N in its editor).</summary>
public static class RuleLinks
{
    public const string IdKey = "id";

    public static string Rule(long id) => $"/rules?{IdKey}={id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The Events page filtered to the hooks this rule answered.</summary>
    public static string EventsOf(long id) => $"/events?{ConsoleUrls.Keys.RuleId}={id.ToString(CultureInfo.InvariantCulture)}";
}
