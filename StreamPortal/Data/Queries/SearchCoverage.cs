namespace StreamPortal.Data.Queries;

/// <summary>
/// How a free-text search was answered, shown beside its results. <paramref name="Method"/>: <c>index</c> (the trigram
/// index covers events up to <paramref name="IndexedUpToId"/>; newer ones were scanned) or <c>scan</c> (every event
/// read: a term of 1-2 characters, with JSON structure (<c>"{}[]:,</c>), inside a body key name, so common that the
/// index would not narrow it, or a store without the index; <see cref="Reason"/> says which). <paramref name="LagMs"/>: how long the oldest event not yet indexed has waited (0: none waits);
/// <paramref name="MaxLagMs"/>: the longest any event waited to be indexed since the portal started. Both
/// ways give the same rows; the index only makes them fast.
/// </summary>
public sealed record SearchCoverage(string Method, long? IndexedUpToId, long? LagMs, long? MaxLagMs)
{
    public const string Index = "index";
    public const string Scan = "scan";

    /// <summary>Why a search read every event (null when the index answered).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}
