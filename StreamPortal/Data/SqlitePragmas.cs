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
    public static readonly string Statements =
        $"PRAGMA journal_mode=WAL; {Synchronous(SynchronousMode.Normal)} PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    /// <summary>The one place the synchronous pragma is spelled (the writer's connection takes the configured mode).</summary>
    public static string Synchronous(SynchronousMode mode) => mode switch
    {
        SynchronousMode.Normal => "PRAGMA synchronous=NORMAL;",
        SynchronousMode.Full => "PRAGMA synchronous=FULL;",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a SQLite synchronous mode the portal supports."),
    };

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
