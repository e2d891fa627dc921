using Microsoft.Data.Sqlite;

namespace StreamPortal.Search;

/// <summary>
/// Reads a term's candidates from the index file: the first copies holding its rarest trigrams (EventSearch) and the
/// keyed values holding theirs (EventKeySearch: stream names, session ids, media session ids, whose events are found
/// through their key columns), read in one snapshot with the mark and the key names, so that they agree.
/// </summary>
/// <remarks>
/// Why only the rarest: every stream name shares <c>str</c>, <c>eam</c> and most digit trigrams with every other, and
/// FTS5 reads each trigram's whole list of rows, so <c>stream-000123</c> walked ~1M-entry lists at 1M events (662 ms).
/// Each trigram's rows are counted up to <see cref="ProbeLimit"/>; the rarest narrow the candidates as well as all of
/// them, and the LIKE re-check makes the answer exact. A term whose rarest trigrams still hold more than
/// <see cref="MaxCandidates"/> rows in either index is scanned: the scan stops at the first page, the candidate list
/// would not.
/// </remarks>
public static class SearchLookup
{
    /// <summary>
    /// Two: at 1,000,000 events a third rare trigram hardly narrows the candidates (7,838 against 7,667 for
    /// <c>stream-000123</c>) and, when it is common, makes FTS5 walk its long list (35 ms against 9).
    /// </summary>
    public const int RarestTrigrams = 2;

    /// <summary>How far a trigram's rows are counted to rank it (fts5vocab would read its whole list: 322 ms).</summary>
    public const int ProbeLimit = 2_000;

    /// <summary>The most candidates of either index that a query takes through the index; past it, the scan.</summary>
    public const int MaxCandidates = 20_000;

    /// <summary>
    /// The most matching events (re-checked candidates, their copies, the events of matching keys) a query takes
    /// through the index; past it, the scan, which finds a term held by so many events quickly (the list of ids would be
    /// read twice, for the count and the page).
    /// </summary>
    public const int MaxMatches = 100_000;

    public static SearchPlan Plan(string? indexPath, string term)
    {
        if (indexPath is null) return SearchPlan.Scan(SearchPlan.NoIndex);
        if (!SearchTerm.UsesIndex(term)) return SearchPlan.Scan(SearchPlan.NotIndexable);
        if (!File.Exists(indexPath)) return SearchPlan.Scan(SearchPlan.NotReady);
        try
        {
            using var connection = SearchIndexFile.Open(indexPath, readOnly: true);
            // A file of an older format is about to be built again (its rows hold what this build's do not).
            if (!SearchIndexFile.IsCurrent(connection)) return SearchPlan.Scan(SearchPlan.NotReady);
            using var tx = connection.BeginTransaction(deferred: true);
            var pattern = "%" + SearchLike.Escape(term) + "%";
            if (SearchCommands.Scalar(connection, SearchIndexSql.KeyHolds, tx, ("$pattern", pattern)) is not (null or 0)) return SearchPlan.Scan(SearchPlan.InKey);
            var mark = SearchCommands.Scalar(connection, SearchIndexSql.IndexedUpTo, tx) ?? 0;
            var trigrams = SearchTerm.Trigrams(term);
            var events = Candidates(connection, tx, SearchIndexSql.EventRows, trigrams);
            if (events is null) return SearchPlan.Scan(SearchPlan.Broad);
            var keys = Candidates(connection, tx, SearchIndexSql.KeyRows, trigrams);
            if (keys is null) return SearchPlan.Scan(SearchPlan.Broad);
            return new SearchPlan(null, events, mark) { KeyCandidates = keys };
        }
        catch (SqliteException)
        {
            // Missing tables (being rebuilt), corrupt: the indexer rebuilds it; the scan is still right.
            return SearchPlan.Scan(SearchPlan.NotReady);
        }
    }

    /// <summary>The rows of <paramref name="table"/> holding the term's rarest trigrams; null past the bound.</summary>
    private static List<long>? Candidates(SqliteConnection connection, SqliteTransaction tx, string table, IReadOnlyList<string> trigrams)
    {
        // Each trigram's rows, counted up to ProbeLimit (a few thousand rowids: ~1 ms even for one in every row); ties
        // (every common one) go to the term's end, where names and ids differ.
        var rarest = trigrams
            .Select((t, i) => (Trigram: t, Rows: SearchCommands.Scalar(connection, SearchIndexSql.TrigramRows(table), tx,
                ("$match", SearchTerm.MatchExpression([t])), ("$limit", ProbeLimit)) ?? 0, FromEnd: trigrams.Count - i))
            .OrderBy(t => t.Rows).ThenBy(t => t.FromEnd).Take(RarestTrigrams).Select(t => t.Trigram).ToList();
        var candidates = new List<long>();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = SearchIndexSql.Candidates(table);
        cmd.Parameters.AddWithValue("$match", SearchTerm.MatchExpression(rarest));
        cmd.Parameters.AddWithValue("$limit", MaxCandidates + 1);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) candidates.Add(reader.GetInt64(0));
        return candidates.Count > MaxCandidates ? null : candidates;
    }
}
