namespace StreamPortal.Data.Entities;

/// <summary>One hook as it arrived and as it was answered; rejected attempts are kept here too.</summary>
public sealed class HookEvent
{
    public long Id { get; set; }
    /// <summary>Unix milliseconds (UTC); SQLite cannot order DateTimeOffset.</summary>
    public long ReceivedAtMs { get; set; }
    public string App { get; set; } = "";
    public string Method { get; set; } = "";
    public HookKind Kind { get; set; }
    public string? NodeId { get; set; }
    public string? AppKey { get; set; }
    public string? SessionId { get; set; }
    public string? MediaSessionId { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public string? Info { get; set; }
    public bool? Published { get; set; }
    public string? Body { get; set; }
    /// <summary>"base64" when the raw body was not valid UTF-8.</summary>
    public string? BodyEncoding { get; set; }
    public string? Headers { get; set; }
    public string? RemoteAddress { get; set; }
    public int AnswerStatus { get; set; }
    /// <summary>Only when the answer was not a plain mirror of the body.</summary>
    public string? AnswerBody { get; set; }
    public long? RuleId { get; set; }
    public string? RuleName { get; set; }
    public int DelayMs { get; set; }
    public double LatencyMs { get; set; }
    public bool Rejected { get; set; }
    public string? RejectReason { get; set; }
}
