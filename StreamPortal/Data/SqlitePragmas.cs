using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StreamPortal.Data;

/// <summary>
/// Per-connection pragmas: the connection string cannot carry them. WAL itself persists in the file;
/// synchronous=NORMAL under WAL keeps every commit across a process crash (not across power loss, see README).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Statements = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    public static void Apply(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Statements;
        cmd.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite) Apply(sqlite);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite) Apply(sqlite);
        return Task.CompletedTask;
    }
}
