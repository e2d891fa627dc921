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
/// The ingest writer indexes each event itself with <see cref="IndexEvent"/>, in the event's own transaction (so the
/// index never lags), and turns triggers off on its connection: FTS5 writes its pending terms out at every statement
/// savepoint, which a trigger (or an INSERT ... SELECT) opens for each row, so indexing through the insert trigger cost
/// 230-256 µs of CPU per 761-byte event against 87 µs for a plain insert of the same values (bench/RESULTS.md). The
/// insert trigger stays for every other writer (tools, tests, future code); deletes (retention) and updates go through
/// their triggers.
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

    /// <summary>
    /// The writer's insert of one event's searched columns (the values it bound for the event; $Body as bytes or text,
    /// cast as the event insert does).
    /// </summary>
    public const string IndexEvent = """
        INSERT INTO EventSearch (rowid, Method, Name, SessionId, Body) VALUES ($id, $Method, $Name, $SessionId, CAST($Body AS TEXT))
        """;

    /// <summary>Indexes the events from an id on, for a bulk loader that wrote them with triggers off (bench/Seed).</summary>
    public const string IndexFrom = """
        INSERT INTO EventSearch (rowid, Method, Name, SessionId, Body)
            SELECT Id, Method, Name, SessionId, Body FROM Events WHERE Id >= $first;
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
