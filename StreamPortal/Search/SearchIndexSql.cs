namespace StreamPortal.Search;

/// <summary>
/// The search index file (<see cref="SearchIndexFile"/>) behind the Events filter <c>q</c>, all of its SQL in one place.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>EventSearch</c>: FTS5 with the trigram tokenizer over one column, the searched text of a first copy
/// (<see cref="SearchText"/>). Contentless (the text lives in Events and every candidate is re-checked there with the
/// old LIKE), <c>detail=none</c> (which rows hold a trigram, not where: the re-check is exact). <c>contentless_delete=1</c>
/// rather than a rowid table of our own: the cleanup deletes by rowid and FTS5 keeps the tombstones, with no second
/// copy of a million rowids to keep in step.</item>
/// <item><c>EventKeySearch</c>: the same over the distinct stream names, session ids and media session ids (the main
/// database's EventKeys, rowid = key id), each once: an event's keyed values are not in its EventSearch row, and a query
/// finds their events through the key columns (<see cref="SearchText"/>). Contentless and never deleted from (keys
/// are not).</item>
/// <item><c>EventSearchState.IndexedUpTo</c>: every event with an id up to it is indexed (or is a copy of one that is),
/// none above it; <c>KeysIndexedUpTo</c> the same for EventKeys. Written in the same transaction as the rows, so a
/// query's snapshot sees them agree, and never an event below the mark whose keys are above theirs.</item>
/// <item><c>EventSearchKeys</c>: the JSON key names of indexed bodies (bounded, <see cref="SearchVocabulary"/>): a term
/// inside one is scanned, since keys are not in the index.</item>
/// </list>
/// Nothing here touches the main database: the index's writes never take its write lock.
/// </remarks>
public static class SearchIndexSql
{
    /// <summary>
    /// The layout of the file (<c>PRAGMA user_version</c>). A file of another format is deleted and built again from
    /// Events (<see cref="SearchIndexFile"/>). 0: events only, with their stream names and session ids (the first
    /// layout, which set no version); 2: keyed values apart in EventKeySearch. (1 was never written.)
    /// </summary>
    public const int Format = 2;

    /// <summary>The two indexes a term's candidates come from.</summary>
    public const string EventRows = "EventSearch";
    public const string KeyRows = "EventKeySearch";

    public const string Create = """
        CREATE VIRTUAL TABLE IF NOT EXISTS EventSearch USING fts5(
            Text, tokenize = 'trigram', detail = none, content = '', contentless_delete = 1);
        CREATE VIRTUAL TABLE IF NOT EXISTS EventKeySearch USING fts5(
            Value, tokenize = 'trigram', detail = none, content = '');
        CREATE TABLE IF NOT EXISTS EventSearchState (
            Id INTEGER PRIMARY KEY CHECK (Id = 1),
            IndexedUpTo INTEGER NOT NULL,
            KeysIndexedUpTo INTEGER NOT NULL);
        INSERT OR IGNORE INTO EventSearchState (Id, IndexedUpTo, KeysIndexedUpTo) VALUES (1, 0, 0);
        CREATE TABLE IF NOT EXISTS EventSearchKeys (Key TEXT PRIMARY KEY) WITHOUT ROWID;
        """;

    public const string IndexedUpTo = "SELECT IndexedUpTo FROM EventSearchState";

    public const string KeysIndexedUpTo = "SELECT KeysIndexedUpTo FROM EventSearchState";

    public const string SetIndexedUpTo = "UPDATE EventSearchState SET IndexedUpTo = $mark, KeysIndexedUpTo = $keys";

    public const string Insert = "INSERT INTO EventSearch (rowid, Text) VALUES ($id, $text)";

    public const string InsertKeyValue = "INSERT INTO EventKeySearch (rowid, Value) VALUES ($id, $value)";

    public const string Delete = "DELETE FROM EventSearch WHERE rowid = $id";

    public const string InsertKey = "INSERT OR IGNORE INTO EventSearchKeys (Key) VALUES ($key)";

    public const string Keys = "SELECT Key FROM EventSearchKeys";

    public const string KeyHolds = "SELECT EXISTS (SELECT 1 FROM EventSearchKeys WHERE Key LIKE $pattern ESCAPE '\\')";

    /// <summary>
    /// Rows holding a trigram, counted up to $limit (fts5vocab's count reads the trigram's whole list of rows: 322 ms
    /// for the 11 trigrams of <c>stream-000123</c> at 1,000,000 events).
    /// </summary>
    public static string TrigramRows(string table) => $"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH $match LIMIT $limit)";

    /// <summary>The candidates of a MATCH expression, one more than the bound (to tell that it was passed).</summary>
    public static string Candidates(string table) => $"SELECT rowid FROM {table} WHERE {table} MATCH $match LIMIT $limit";

    /// <summary>The next indexed rowids for the cleanup's walk.</summary>
    public const string RowidsAfter = "SELECT rowid FROM EventSearch WHERE rowid > $after ORDER BY rowid LIMIT $n";

    // ---- reads of the main database (never a write there) ----

    public const string NewestEvent = "SELECT COALESCE(MAX(Id), 0) FROM Events";

    public const string NewestKey = "SELECT COALESCE(MAX(Id), 0) FROM EventKeys";

    /// <summary>The next keyed values to index, oldest first.</summary>
    public const string ReadKeysAfter = "SELECT Id, Value FROM EventKeys WHERE Id > $mark AND Id <= $newest ORDER BY Id LIMIT $n";

    /// <summary>
    /// The next first copies to index, oldest first. Copies (DuplicateOf set: same method and body as their first copy)
    /// are skipped: a query adds them through the first copy's row. Columns: id, method, body, the stream name and
    /// session id that have no key (indexed in the row), the stream name, session id and media session id that have one
    /// (left out of it; see <see cref="SearchText"/>).
    /// </summary>
    public const string ReadAfter = """
        SELECT Id, Method, Body,
            iif(NameKey IS NULL, Name, NULL), iif(SessionKey IS NULL, SessionId, NULL),
            iif(NameKey IS NULL, NULL, Name), iif(SessionKey IS NULL, NULL, SessionId), iif(MediaSessionKey IS NULL, NULL, MediaSessionId)
        FROM Events
        WHERE Id > $mark AND Id <= $newest AND DuplicateOf IS NULL ORDER BY Id LIMIT $n
        """;

    public const string OldestUnindexedAt = "SELECT ReceivedAtMs FROM Events WHERE Id > $mark ORDER BY Id LIMIT 1";

    /// <summary>Of the given index rowids, those with no event left and no copy left (what the cleanup deletes).</summary>
    /// <summary>The ids stored in a range (the cleanup's slice of index rows): most of the slice, read by the key.</summary>
    public const string EventIdsBetween = "SELECT Id FROM Events WHERE Id BETWEEN $from AND $to ORDER BY Id";

    /// <summary>Of the ids in <c>$ids</c> (JSON, events not found by <see cref="EventIdsBetween"/>), those no copy holds either.</summary>
    public const string Gone = """
        SELECT c.value FROM json_each($ids) AS c
        WHERE NOT EXISTS (SELECT 1 FROM Events WHERE Id = c.value)
          AND NOT EXISTS (SELECT 1 FROM Events WHERE DuplicateOf = c.value AND DuplicateOf IS NOT NULL)
        """;
}
