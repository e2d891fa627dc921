using System.Data.Common;
using Npgsql;

namespace StreamPortal.Ingest;

/// <summary>
/// Statements gathered to go to the server in one round trip (one <see cref="NpgsqlBatch"/>), each with what to do with
/// its result. On a loaded machine every round trip is a wake-up of the server's process and of the writer's thread,
/// which costs far more than the statements' own work, so the writer sends a batch's statements in as few of these
/// as their dependencies allow. The server runs them in order and stops at the first error.
/// </summary>
internal sealed class PostgresRoundTrip
{
    private readonly List<NpgsqlBatchCommand> _commands = [];
    private readonly List<Action<DbDataReader>> _readers = [];

    public int Count => _commands.Count;

    /// <param name="read">Called with the statement's result (positioned before its first row); null for a statement
    /// that returns no rows (the reader yields results only for statements that return rows: SELECT, RETURNING).</param>
    public void Add(string sql, Action<DbDataReader>? read, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        Add(command, read);
    }

    public void Add(NpgsqlBatchCommand command, Action<DbDataReader>? read)
    {
        _commands.Add(command);
        if (read is not null) _readers.Add(read);
    }

    /// <summary>Sends the statements and hands each result to its reader, in order; then starts empty again.</summary>
    public void Execute(NpgsqlConnection connection)
    {
        if (_commands.Count == 0) return;
        using var batch = new NpgsqlBatch(connection);
        foreach (var command in _commands) batch.BatchCommands.Add(command);
        _commands.Clear();
        var readers = _readers.ToArray();
        _readers.Clear();
        using var reader = batch.ExecuteReader();
        // One result per statement that returns rows, in order (possibly empty); the others are skipped by the reader.
        var next = 0;
        do
        {
            if (reader.FieldCount == 0) continue;
            if (next == readers.Length) throw new InvalidOperationException($"PostgreSQL returned more results than the {readers.Length} expected.");
            readers[next++](reader);
        }
        while (reader.NextResult());
        if (next != readers.Length) throw new InvalidOperationException($"PostgreSQL returned {next} results for {readers.Length} statements that return rows.");
    }
}
