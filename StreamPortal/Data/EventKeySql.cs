namespace StreamPortal.Data;

/// <summary>
/// Gives events written without keys (before the EventKeys migration, or by a bulk loader) their
/// keys (table EventKeys). Plain SQL with no dependencies, so that tools (bench/Seed) can link this file.
/// </summary>
public static class EventKeySql
{
    public const string Backfill = """
        INSERT OR IGNORE INTO EventKeys (Value)
            SELECT SessionId FROM Events WHERE SessionId IS NOT NULL AND SessionKey IS NULL
            UNION SELECT MediaSessionId FROM Events WHERE MediaSessionId IS NOT NULL AND MediaSessionKey IS NULL
            UNION SELECT Name FROM Events WHERE Name IS NOT NULL AND NameKey IS NULL;
        UPDATE Events SET
            SessionKey = (SELECT k.Id FROM EventKeys AS k WHERE k.Value = Events.SessionId),
            MediaSessionKey = (SELECT k.Id FROM EventKeys AS k WHERE k.Value = Events.MediaSessionId),
            NameKey = (SELECT k.Id FROM EventKeys AS k WHERE k.Value = Events.Name)
        WHERE (SessionId IS NOT NULL AND SessionKey IS NULL)
            OR (MediaSessionId IS NOT NULL AND MediaSessionKey IS NULL)
            OR (Name IS NOT NULL AND NameKey IS NULL);
        """;
}
