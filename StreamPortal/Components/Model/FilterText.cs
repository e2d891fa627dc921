using System.Globalization;

namespace StreamPortal.Components.Model;

/// <summary>How typed filter text becomes a query value: blanks mean "any", times are UTC.</summary>
public static class FilterText
{
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A datetime-local value (no zone) read as UTC; null when it is not a time.</summary>
    public static long? UtcMs(string? local) =>
        DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds()
            : null;
}
