using StreamPortal.Wcs;

namespace StreamPortal.Export;

/// <summary>
/// One exported event: the fields of an <c>/api/events</c> row (same names, same values) plus the stored body, which
/// the list leaves out. Init-only properties so that CsvHelper reads a row back into the same type.
/// </summary>
[CsvHelper.CsvRecord]
public sealed partial record EventExportRow
{
    public long Id { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string App { get; init; } = "";
    public string Method { get; init; } = "";
    public HookKind Kind { get; init; }
    public string? AppKey { get; init; }
    public string? NodeId { get; init; }
    public string? SessionId { get; init; }
    public string? MediaSessionId { get; init; }
    public string? Name { get; init; }
    public string? Status { get; init; }
    public string? Info { get; init; }
    public bool? Published { get; init; }
    public int AnswerStatus { get; init; }
    public long? RuleId { get; init; }
    public string? RuleName { get; init; }
    public int DelayMs { get; init; }
    public double LatencyMs { get; init; }
    public bool Rejected { get; init; }
    public string? RejectReason { get; init; }
    public bool AnswerDelivered { get; init; } = true;
    public long? ReplayOf { get; init; }
    public string? ImportedFrom { get; init; }
    public long? DuplicateOf { get; init; }
    public string? ShadowRefusal { get; init; }
    /// <summary>The cluster instance that answered the hook (see HookEvent.Instance).</summary>
    public string? Instance { get; init; }
    /// <summary>The session's <c>custom.login</c>, as the list shows it.</summary>
    public string? Login { get; init; }
    /// <summary>The body as stored: JSON text, or base64 when <see cref="BodyEncoding"/> says so.</summary>
    public string? Body { get; init; }
    public string? BodyEncoding { get; init; }
}
