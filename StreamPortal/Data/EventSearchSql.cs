namespace StreamPortal.Data;

/// <summary>
/// The SQLite full-text index behind the Events search (<c>q</c>): an FTS5 table with the trigram tokenizer over the
/// four searched columns, kept by triggers on Events. All of its SQL is here, so that a regenerated migration can
/// re-apply it with one call, and so that tools (bench/Seed) can link this file. SQLite only: other stores search with
/// their own LIKE/ILIKE (see Data/Queries/EventSearch.cs).
/// </summary>
/// <remarks>
/// Contentless (<c>content=''</c>): the text already lives in Events, and a search re-checks its candidates there with
/// the old LIKE, so the index only has to find them. <c>contentless_delete=1</c> lets the delete trigger remove a row
/// by its id alone (an external-content table would need the old text handed back). <c>detail=none</c> keeps only which
/// rows hold a trigram, not where: the smallest index, and positions are not needed since the LIKE re-check is exact.
/// Triggers rather than a second insert in the writer: they cover every writer (hooks, replay, bundle import, retention,
/// bulk loaders) in the same transaction as the row itself, so the index never lags.
/// </remarks>
public static class EventSearchSql
{
    /// <summary>The FTS5 table's name, for the search query.</summary>
    public const string Table = "EventSearch";

    public const string Create = """
        CREATE VIRTUAL TABLE IF NOT EXISTS EventSearch USING fts5(
            Method, Name, SessionId, Body,
            tokenize = 'trigram', detail = none, content = '', contentless_delete = 1);
        CREATE TRIGGER IF NOT EXISTS Events_Search_Insert AFTER INSERT ON Events BEGIN
            INSERT INTO EventSearch (rowid, Method, Name, SessionId, Body)
                VALUES (new.Id, new.Method, new.Name, new.SessionId, new.Body);
        END;
        CREATE TRIGGER IF NOT EXISTS Events_Search_Delete AFTER DELETE ON Events BEGIN
            DELETE FROM EventSearch WHERE rowid = old.Id;
        END;
        CREATE TRIGGER IF NOT EXISTS Events_Search_Update AFTER UPDATE OF Method, Name, SessionId, Body ON Events BEGIN
            DELETE FROM EventSearch WHERE rowid = old.Id;
            INSERT INTO EventSearch (rowid, Method, Name, SessionId, Body)
                VALUES (new.Id, new.Method, new.Name, new.SessionId, new.Body);
        END;
        """;

    /// <summary>Indexes the events stored before the index existed (run once, by the migration, after <see cref="Create"/>).</summary>
    public const string Backfill = """
        INSERT INTO EventSearch (rowid, Method, Name, SessionId, Body)
            SELECT Id, Method, Name, SessionId, Body FROM Events;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS Events_Search_Update;
        DROP TRIGGER IF EXISTS Events_Search_Delete;
        DROP TRIGGER IF EXISTS Events_Search_Insert;
        DROP TABLE IF EXISTS EventSearch;
        """;
}
