namespace StreamPortal.Replay;

/// <summary>What sending one replayed hook gave: the stored replay event and its answer, or why there is none.</summary>
public sealed record ReplaySend(long? ReplayId, ReplayAnswer? Answer, string? Error);
