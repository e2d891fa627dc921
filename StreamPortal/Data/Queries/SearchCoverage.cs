namespace StreamPortal.Data.Queries;

/// <summary>
/// How a free-text search was answered, shown beside its results. <paramref name="Method"/>: <c>index</c> (the trigram
/// index covers events up to <paramref name="IndexedUpToId"/>; newer ones were scanned) or <c>scan</c> (every event
/// read: a term of 1-2 characters, with JSON structure (<c>"{}[]:,</c>) or inside a body key name, or a store without
/// the index). <paramref name="LagMs"/>: how long the oldest event not yet indexed has waited (0: none waits);
/// <paramref name="MaxLagMs"/>: the longest any event waited to be indexed since the portal started. Both
/// ways give the same rows; the index only makes them fast.
/// </summary>
public sealed record SearchCoverage(string Method, long? IndexedUpToId, long? LagMs, long? MaxLagMs)
{
    public const string Index = "index";
    public const string Scan = "scan";
}
