namespace StreamPortal.Search;

/// <summary>
/// The SQLite search index behind the Events filter <c>q</c>, all of its SQL in one place (the migration applies
/// <see cref="Create"/>; bench/Seed links this file to index what it seeds).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>EventSearch</c>: FTS5 with the trigram tokenizer over one column, the searched text of an event
/// (<see cref="SearchText"/>: method, stream name, session id and the body's values, not its keys). Contentless
/// (the text lives in Events and every candidate is re-checked there with the old LIKE), <c>detail=none</c> (which rows
/// hold a trigram, not where: the LIKE re-check is exact), <c>contentless_delete=1</c> (retention deletes by id).</item>
/// <item><c>EventSearchState.IndexedUpTo</c>: every event with an id up to it is indexed, none above it; written in
/// the same transaction as the index rows, so a query sees the two agree.</item>
/// <item><c>EventSearchKeys</c>: the JSON key names of indexed bodies (bounded, see <see cref="SearchVocabulary"/>):
/// a term inside a key name is answered by the scan, since keys are not in the index.</item>
/// <item>A delete trigger takes a pruned event out of the index in the deleting transaction (retention, any delete).
/// No insert trigger: the index is written by <c>SearchIndexer</c> in the background, never on the hook path
/// (an insert-time index cut workload 1 from ~14,000 to ~1,200 hooks/s, bench/RESULTS.md).</item>
/// </list>
/// The earlier insert-time index (same table name, four columns, insert/update triggers) is dropped first, for
/// databases that had it.
/// </remarks>
public static class SearchSql
{
    public const string Create = """
        DROP TRIGGER IF EXISTS Events_Search_Update;
        DROP TRIGGER IF EXISTS Events_Search_Delete;
        DROP TRIGGER IF EXISTS Events_Search_Insert;
        DROP TABLE IF EXISTS EventSearch;
        CREATE VIRTUAL TABLE EventSearch USING fts5(
            Text, tokenize = 'trigram', detail = none, content = '', contentless_delete = 1);
        CREATE TABLE IF NOT EXISTS EventSearchState (
            Id INTEGER PRIMARY KEY CHECK (Id = 1),
            IndexedUpTo INTEGER NOT NULL);
        INSERT OR REPLACE INTO EventSearchState (Id, IndexedUpTo) VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS EventSearchKeys (Key TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TRIGGER Events_Search_Delete AFTER DELETE ON Events
            WHEN old.Id <= (SELECT IndexedUpTo FROM EventSearchState) BEGIN
            DELETE FROM EventSearch WHERE rowid = old.Id;
        END;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS Events_Search_Delete;
        DROP TABLE IF EXISTS EventSearch;
        DROP TABLE IF EXISTS EventSearchState;
        DROP TABLE IF EXISTS EventSearchKeys;
        """;

    public const string IndexedUpTo = "SELECT IndexedUpTo FROM EventSearchState";

    public const string SetIndexedUpTo = "UPDATE EventSearchState SET IndexedUpTo = $mark";

    /// <summary>The next events to index, oldest first (read outside the write lock).</summary>
    public const string ReadAfter = """
        SELECT Id, ReceivedAtMs, Method, Name, SessionId, Body FROM Events WHERE Id > $mark ORDER BY Id LIMIT $n
        """;

    /// <summary>Which of the events read are still there (retention may have deleted some since the read).</summary>
    public const string ExistingIds = "SELECT Id FROM Events WHERE Id > $from AND Id <= $to";

    public const string Insert = "INSERT INTO EventSearch (rowid, Text) VALUES ($id, $text)";

    public const string InsertKey = "INSERT OR IGNORE INTO EventSearchKeys (Key) VALUES ($key)";

    public const string Keys = "SELECT Key FROM EventSearchKeys";

    public const string NewestEvent = "SELECT COALESCE(MAX(Id), 0) FROM Events";

    /// <summary>The newest indexed event still stored (its index row leaves with it).</summary>
    public const string NewestIndexed = "SELECT COALESCE((SELECT rowid FROM EventSearch ORDER BY rowid DESC LIMIT 1), 0)";

    public const string OldestUnindexedAt = "SELECT ReceivedAtMs FROM Events WHERE Id > $mark ORDER BY Id LIMIT 1";
}
