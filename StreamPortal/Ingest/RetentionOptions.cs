namespace StreamPortal.Ingest;

/// <summary>StreamPortal:Retention: how often old events are pruned (the limits are set on the Settings page).</summary>
public sealed class RetentionOptions
{
    public const string Section = "StreamPortal:Retention";

    public int IntervalSeconds { get; set; } = 300;
}
