namespace StreamPortal.Simulator;

/// <summary>
/// What a run did, as the backend's own records should show it: hooks sent by method, answers by HTTP status
/// (<see cref="SimulationTally.NoAnswer"/> when none came), sessions by outcome, streams by their final WCS status,
/// and the ErrorEvents WCS would have sent its clients.
/// </summary>
public sealed record SimulationSummary(
    int HooksPlanned,
    int HooksSent,
    IReadOnlyDictionary<string, int> HooksByMethod,
    IReadOnlyDictionary<string, int> AnswersByStatus,
    IReadOnlyDictionary<string, int> SessionsByOutcome,
    IReadOnlyDictionary<string, int> StreamsByOutcome,
    int ErrorEvents);

/// <summary>How a simulated client session ended.</summary>
public static class SessionOutcome
{
    /// <summary>It stopped its streams and disconnected.</summary>
    public const string Completed = "completed";
    /// <summary>It vanished without stopping its streams (WCS ended them "by session disconnect").</summary>
    public const string Dropped = "dropped";
    /// <summary>The backend refused its connect.</summary>
    public const string Declined = "declined";
}
