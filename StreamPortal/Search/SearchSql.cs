namespace StreamPortal.Search;

/// <summary>
/// What migration <c>EventSearchIndexer</c> created in the main database (kept verbatim: an applied migration must
/// keep doing what it did), and what <c>SearchIndexOutOfMainFile</c> drops again. The index now lives in a file of its
/// own (<see cref="SearchIndexSql"/>): its writes held the main file's one write lock against the hook writer.
/// </summary>
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
}
