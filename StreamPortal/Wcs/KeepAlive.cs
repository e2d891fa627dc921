namespace StreamPortal.Wcs;

/// <summary>
/// The periodic hooks WCS sends while a stream lives (every few seconds per stream when enabled). They say nothing new
/// about the stream's state, so the console hides and collapses them by default; this is the one place that says which.
/// </summary>
public static class KeepAlive
{
    public const string Method = WcsMethod.StreamKeepAliveEvent;

    public static bool Is(string? method) => string.Equals(method, Method, StringComparison.Ordinal);
}
