namespace StreamPortal.Wcs;

/// <summary>
/// The statuses of a session (one WebSocket connection). ESTABLISHED, FAILED and DISCONNECTED are WCS's own
/// (ConnectionStatusEvent); CONNECTING and REFUSED are the portal's, set by its answer to connect.
/// </summary>
public static class SessionStatus
{
    /// <summary>The portal answered connect 200; WCS has not confirmed the connection yet.</summary>
    public const string Connecting = "CONNECTING";
    public const string Established = "ESTABLISHED";
    public const string Disconnected = "DISCONNECTED";
    public const string Failed = "FAILED";

    /// <summary>The portal answered connect with an error, so WCS refused the connection.</summary>
    public const string Refused = "REFUSED";

    /// <summary>Every status, in the order of a session's life (the console's filter lists).</summary>
    public static IReadOnlyList<string> All { get; } = [Connecting, Established, Refused, Failed, Disconnected];

    /// <summary>The session's status after the portal's answer to its connect.</summary>
    public static string AfterConnect(int answerStatus) => answerStatus == 200 ? Connecting : Refused;

    /// <summary>The statuses of a session that is over (also as a list, for SQL).</summary>
    public static IReadOnlyList<string> Ended { get; } = [Disconnected, Failed, Refused];

    public static bool IsEnded(string? status) => status is not null && Ended.Contains(status);

    /// <summary>Statuses after which the session's still-open streams are ended with it.</summary>
    public static bool EndsStreams(string? status) => status is Disconnected or Failed;
}
