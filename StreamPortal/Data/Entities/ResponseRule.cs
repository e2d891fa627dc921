namespace StreamPortal.Data.Entities;

/// <summary>A stored error-response rule; Match, Answer and Limits are JSON documents of the API's shape.</summary>
public sealed class ResponseRule
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; }
    public int Order { get; set; }
    public string MatchJson { get; set; } = "{}";
    public string AnswerJson { get; set; } = "{}";
    public string LimitsJson { get; set; } = "{}";
    public long HitCount { get; set; }
    public long? LastHitAtMs { get; set; }
    public long CreatedAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
}
