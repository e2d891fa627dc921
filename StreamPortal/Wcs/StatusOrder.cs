namespace StreamPortal.Wcs;

/// <summary>
/// How statuses replace one another whatever order hooks arrive in (WCS may use several connections, and retries):
/// a status only replaces one of equal or higher rank, pending &lt; live &lt; terminal. Streams and sessions share it.
/// </summary>
public static class StatusOrder
{
    public static int Rank(string? status) => status switch
    {
        StreamStatus.Unpublished or StreamStatus.Stopped or StreamStatus.Failed
            or SessionStatus.Disconnected or SessionStatus.Refused => 2,
        StreamStatus.Pending or SessionStatus.Connecting => 0,
        _ => 1,
    };

    /// <summary>Whether a row whose status is <paramref name="current"/> takes <paramref name="incoming"/>.</summary>
    public static bool Accepts(string? current, string? incoming) =>
        incoming is not null && (current is null || Rank(incoming) >= Rank(current));
}
