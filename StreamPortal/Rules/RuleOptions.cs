namespace StreamPortal.Rules;

/// <summary>StreamPortal:Rules configuration.</summary>
public sealed class RuleOptions
{
    public const string Section = "StreamPortal:Rules";

    /// <summary>
    /// Largest custom or overrides body a rule may hold (UTF-8 bytes of its JSON). Every hook the rule answers stores
    /// its answer body, so this bounds what one hook can add to the database.
    /// </summary>
    public int MaxAnswerBodyBytes { get; set; } = 64 * 1024;

    /// <summary>A dry run stops examining events after this long and answers what it found so far.</summary>
    public int DryRunTimeoutMs { get; set; } = 2000;
}
