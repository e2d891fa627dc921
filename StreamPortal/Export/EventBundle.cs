using System.Text.Json;

namespace StreamPortal.Export;

/// <summary>
/// A bug-report bundle: every hook of one session or stream with the answers it got, and the rules and connect
/// policies of the exporting portal (as they are when exported, not as they were when each hook arrived). Versioned
/// by <see cref="Format"/> and <see cref="Version"/>; an importer refuses any other.
/// </summary>
/// <param name="Id">Unique per export; imported events point back to it (ImportedFrom = "{Id}#{original event id}").</param>
/// <param name="Rules">The exporting portal's rules as GET /api/rules answers them; for reading, never applied by an import.</param>
/// <param name="ConnectPolicies">Its connect policies as GET /api/connect-policies answers them; for reading, never applied.</param>
public sealed record EventBundle(
    string Format,
    int Version,
    string Id,
    DateTimeOffset ExportedAt,
    BundleScope Scope,
    IReadOnlyList<BundleEvent> Events,
    IReadOnlyList<JsonElement> Rules,
    IReadOnlyList<JsonElement> ConnectPolicies)
{
    public const string FormatName = "streamportal-bundle";
    public const int CurrentVersion = 1;
}

/// <param name="Kind">"session" or "stream".</param>
/// <param name="Id">The sessionId or mediaSessionId.</param>
public sealed record BundleScope(string Kind, string Id)
{
    public const string Session = "session";
    public const string Stream = "stream";
}

/// <summary>One hook as it arrived and as it was answered.</summary>
/// <param name="Body">The body as stored: JSON text, or base64 when <paramref name="BodyEncoding"/> is "base64".</param>
/// <param name="AnswerBody">The answer's body when it was not a plain mirror of the request body.</param>
/// <param name="ReplayOf">The id (in this bundle's numbering) of the event this one replayed.</param>
public sealed record BundleEvent(
    long Id,
    DateTimeOffset ReceivedAt,
    string App,
    string Method,
    string? Body,
    string? BodyEncoding,
    IReadOnlyDictionary<string, string> Headers,
    string? RemoteAddress,
    int AnswerStatus,
    string? AnswerBody,
    long? RuleId,
    string? RuleName,
    int DelayMs,
    double LatencyMs,
    bool Rejected,
    string? RejectReason,
    bool AnswerDelivered,
    long? ReplayOf);
