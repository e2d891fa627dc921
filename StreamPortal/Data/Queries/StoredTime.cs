namespace StreamPortal.Data.Queries;

/// <summary>Times are stored as Unix milliseconds (SQLite cannot order DateTimeOffset); lists and details show them as times.</summary>
internal static class StoredTime
{
    public static DateTimeOffset From(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
    public static DateTimeOffset? From(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
