namespace StreamPortal.Replay;

/// <summary>How a multi-event replay spaces its hooks.</summary>
public enum ReplayPace
{
    /// <summary>The original gaps between the events, each capped at <see cref="ReplayLimits.MaxGap"/>.</summary>
    Original,
    /// <summary>Each hook as soon as the previous one was answered.</summary>
    Fast,
}
