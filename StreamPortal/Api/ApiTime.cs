namespace StreamPortal.Api;

internal static class ApiTime
{
    public static DateTimeOffset From(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
    public static DateTimeOffset? From(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
