namespace StreamPortal.Search;

/// <summary>
/// How one search is answered: through the index (<paramref name="Candidates"/>: first copies up to
/// <paramref name="IndexedUpTo"/> from the index, and <see cref="KeyCandidates"/>; once re-checked, the matching events
/// and copies; the query adds the events above the mark), or by reading every event (<paramref name="ScanReason"/> says
/// why).
/// </summary>
public sealed record SearchPlan(string? ScanReason, IReadOnlyList<long> Candidates, long IndexedUpTo)
{
    /// <summary>EventKeys ids whose value may hold the term: their events (by key column, up to the mark) are candidates.</summary>
    public IReadOnlyList<long> KeyCandidates { get; init; } = [];

    /// <summary>1-2 characters, JSON punctuation, or whitespace at an end: the index cannot hold every match.</summary>
    public const string NotIndexable = "term of 1-2 characters or with JSON punctuation";
    public const string InKey = "term inside a body key name";
    public const string NoIndex = "no search index (in-memory database or PostgreSQL)";
    public const string NotReady = "search index not built yet";
    public const string Broad = "term too common for the index";

    public bool UsesIndex => ScanReason is null;

    public static SearchPlan Scan(string reason) => new(reason, [], 0);
}
