using System.Text.Json;

namespace StreamPortal.Replay;

/// <summary>One answer to a hook: status, body (JSON when it is JSON, else its text), processing time.</summary>
public sealed record ReplayAnswer(int Status, JsonElement? Body, string? RawBody, double LatencyMs);

/// <summary>One replayed event: the original's answer beside the replay's.</summary>
/// <param name="ReplayId">The stored replay event, or null when it could not be stored (see Error).</param>
/// <param name="Replay">The answer the replay got, or null when it got none (see Error).</param>
public sealed record ReplayOutcome(long OriginalId, string Method, long? ReplayId, ReplayAnswer Original, ReplayAnswer? Replay, string? Error);

/// <summary>What a replay call answers: where it went, how it was paced, and each event's two answers in order.</summary>
/// <param name="Target">"this portal" or the base URL the hooks went to.</param>
public sealed record ReplayRun(string Target, ReplayPace Pace, IReadOnlyList<ReplayOutcome> Events);
