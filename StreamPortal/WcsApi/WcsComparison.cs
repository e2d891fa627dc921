namespace StreamPortal.WcsApi;

/// <summary>Which side thinks a stream is live.</summary>
public static class MismatchKind
{
    /// <summary>The portal has the stream open (PUBLISHING or PLAYING); no node that answered lists it as live.</summary>
    public const string PortalOnly = "portalOnly";
    /// <summary>A node lists the stream as live; the portal has it ended, or has never seen it.</summary>
    public const string WcsOnly = "wcsOnly";
}

/// <summary>One stream the two sides disagree on.</summary>
/// <param name="PortalStatus">The portal's status, null when the portal never saw the stream.</param>
/// <param name="WcsStatus">The node's status, null when no node that answered lists it.</param>
/// <param name="Node">The node that lists it (wcsOnly), else null.</param>
public sealed record StreamMismatch(string Kind, string MediaSessionId, string? Name, string? PortalStatus, string? WcsStatus, string? Node);

/// <summary>One node's part: how many streams it listed, or why it could not be asked.</summary>
public sealed record NodeResult(string Url, bool Ok, int Streams, string? Error, double Milliseconds);

/// <summary>
/// One comparison of the portal's open streams with WCS's own (<c>/rest-api/stream/find_all</c> on every node).
/// Portal-only mismatches are looked for only when every node answered (<see cref="PortalOnlyChecked"/>): a stream of
/// a node that did not answer would otherwise be flagged. At most <see cref="WcsComparer.MaxMismatches"/> are listed;
/// <see cref="MismatchTotal"/> counts them all.
/// </summary>
public sealed record WcsComparison(
    DateTimeOffset ComparedAt, IReadOnlyList<NodeResult> Nodes, int PortalLive, int WcsLive, bool PortalOnlyChecked,
    int MismatchTotal, IReadOnlyList<StreamMismatch> Mismatches);
