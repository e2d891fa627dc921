namespace StreamPortal.Search;

/// <summary>StreamPortal:Search: the background indexer of the Events search (SQLite).</summary>
public sealed class SearchOptions
{
    public const string Section = "StreamPortal:Search";

    /// <summary>
    /// false stops indexing (q stays right: what is not indexed is scanned, so it slows down as events arrive). For an
    /// A/B of the indexer's cost, or to spare the CPU during a bulk import.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the indexer looks for new events. Longer gathers more events per pass (cheaper per event: FTS5
    /// writes one segment per commit); shorter keeps the lag low. The lag at full load is about this plus one pass.
    /// </summary>
    public int IntervalMs { get; set; } = 250;

    /// <summary>
    /// First copies per index transaction, in the index file (never the database's lock): bounds the memory of one
    /// pass and how long a query's snapshot of the file lags.
    /// </summary>
    public int BatchSize { get; set; } = 512;
}
