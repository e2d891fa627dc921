namespace StreamPortal.Wcs;

/// <summary>
/// The statuses of a stream (one publish or play) as WCS reports them in StreamStatusEvent and StreamKeepAliveEvent;
/// requests such as publishStream carry PENDING. See docs/wcs-hooks.md.
/// </summary>
public static class StreamStatus
{
    public const string Pending = "PENDING";
    public const string Publishing = "PUBLISHING";
    public const string Playing = "PLAYING";
    public const string Unpublished = "UNPUBLISHED";
    public const string Stopped = "STOPPED";
    public const string Failed = "FAILED";

    /// <summary>Every status, in the order of a stream's life (the console's filter lists).</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Publishing, Playing, Unpublished, Stopped, Failed];

    /// <summary>The statuses after which WCS sends nothing more for the stream.</summary>
    public static IReadOnlyList<string> Terminal { get; } = [Unpublished, Stopped, Failed];

    public static bool IsTerminal(string? status) => status is Unpublished or Stopped or Failed;

    public static bool IsLive(string? status) => status is Publishing or Playing;

    /// <summary>What a stream that was still open becomes when its session ends without a word about it.</summary>
    public static string EndedWithSession(bool? published) => published == false ? Stopped : Unpublished;
}
