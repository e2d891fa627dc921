namespace StreamPortal.Ingest;

/// <summary>
/// The retention job's statements in each store's dialect, side by side. Each statement's first parameter is the
/// cutoff (time, id or count), its second the batch size; SQLite names them ($p, $n), PostgreSQL numbers them.
/// </summary>
internal sealed record RetentionSql(string DeleteOlderThan, string NewestBeyond, string DeleteUpToId, string[] Parameters)
{
    public static readonly RetentionSql Sqlite = new(
        "DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE ReceivedAtMs < $p ORDER BY ReceivedAtMs LIMIT $n)",
        "SELECT Id FROM Events ORDER BY Id DESC LIMIT 1 OFFSET $p",
        "DELETE FROM Events WHERE Id IN (SELECT Id FROM Events WHERE Id <= $p ORDER BY Id LIMIT $n)",
        ["$p", "$n"]);

    /// <summary>Positional parameters have no name.</summary>
    public static readonly RetentionSql Postgres = new(
        """DELETE FROM "Events" WHERE "Id" IN (SELECT "Id" FROM "Events" WHERE "ReceivedAtMs" < $1 ORDER BY "ReceivedAtMs" LIMIT $2)""",
        """SELECT "Id" FROM "Events" ORDER BY "Id" DESC LIMIT 1 OFFSET $1""",
        """DELETE FROM "Events" WHERE "Id" IN (SELECT "Id" FROM "Events" WHERE "Id" <= $1 ORDER BY "Id" LIMIT $2)""",
        ["", ""]);

    public string Parameter(int index) => Parameters[index];
}
