using Npgsql;
using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The PostgreSQL writer. Several instances may write the same tables at once and one session's hooks may reach
/// different instances, so nothing is cached between batches: each batch, in one transaction, inserts its events,
/// creates the stream and session rows it touches if missing, locks them (in key order, sessions then streams),
/// applies <see cref="Projector"/> to the fresh rows and writes them back. The projection rules thus hold in the
/// database, whichever instance a hook reached. Round trips are batched with NpgsqlBatch. The commit returns once
/// durable (synchronous_commit is forced on, see PostgresDataSource).
/// </summary>
internal sealed class PostgresBatchStore(NpgsqlDataSource source, ProjectedRows rows, ILogger logger) : IBatchStore
{
    private const string Deadlock = "40P01";
    private const string SerializationFailure = "40001";

    private NpgsqlConnection? _connection;

    public BatchChanges Write(List<IngestItem> batch, long now, DuplicateMarking duplicates)
    {
        try
        {
            return WriteOnce(batch, now, duplicates);
        }
        catch (PostgresException ex) when (ex.SqlState is Deadlock or SerializationFailure)
        {
            // Two writers locked the same rows in different orders (e.g. a row one of them had just created): the
            // server aborted this one, the other went through. Once more, now that the other has committed.
            logger.LogInformation(ex, "A batch of {Count} hooks met a concurrent writer ({State}); retrying it once.", batch.Count, ex.SqlState);
            duplicates.RolledBack();
            return WriteOnce(batch, now, duplicates);
        }
    }

    public StoreUnavailableException? Unavailable(Exception ex)
    {
        // A PostgresException is the server's answer about this batch; any other NpgsqlException (socket, timeout,
        // broken connection) or a server that is shutting down or full is no hook's fault.
        var passing = ex is NpgsqlException { InnerException: not PostgresException } and not PostgresException ||
                      ex is PostgresException { IsTransient: true } || ex is TimeoutException;
        if (!passing) return null;
        DropConnection();
        return new StoreUnavailableException($"The PostgreSQL server cannot be reached or refused the write ({ex.Message}); the hook was not stored.",
            TimeSpan.FromSeconds(1), ex);
    }

    public int TakePagesWritten() => 0;

    public void Dispose() => DropConnection();

    private BatchChanges WriteOnce(List<IngestItem> batch, long now, DuplicateMarking duplicates)
    {
        var connection = Connection();
        var changes = new BatchChanges();
        using var transaction = connection.BeginTransaction();
        try
        {
            var keys = ResolveKeys(connection, batch);
            InsertEvents(connection, batch, keys, duplicates);
            Project(connection, batch, now, changes);
            CountRuleHits(connection, batch, now);
            transaction.Commit();
            return changes;
        }
        catch
        {
            if (connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open)
                DropConnection();
            throw;
        }
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open }) return _connection;
        DropConnection();
        var connection = source.OpenConnection();
        try
        {
            CheckTables(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return _connection = connection;
    }

    private void DropConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>The EventKeys ids of every session id, media session id and stream name in the batch.</summary>
    private static Dictionary<string, long> ResolveKeys(NpgsqlConnection connection, List<IngestItem> batch)
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (item.IsAnswerNotDelivered) continue;
            if (item.Event.SessionId is { } s) values.Add(s);
            if (item.Event.MediaSessionId is { } m) values.Add(m);
            if (item.Event.Name is { } n) values.Add(n);
        }
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        if (values.Count == 0) return keys;
        var array = values.ToArray();
        using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(ProjectionSql.PostgresInsertKeys) { Parameters = { new NpgsqlParameter { Value = array } } },
                new NpgsqlBatchCommand(ProjectionSql.PostgresSelectKeys) { Parameters = { new NpgsqlParameter { Value = array } } },
            },
        };
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read()) keys[reader.GetString(0)] = reader.GetInt64(1);
        }
        while (reader.NextResult());
        return keys;
    }

    /// <summary>
    /// Inserts the batch's events in order, in one round trip unless a hook's first copy is in the same batch: the
    /// statements before it are sent first, so that the copy is marked with the first's id (rare: WCS re-sends a hook
    /// only after its sending failed).
    /// </summary>
    private static void InsertEvents(NpgsqlConnection connection, List<IngestItem> batch, Dictionary<string, long> keys, DuplicateMarking duplicates)
    {
        var pending = new List<IngestItem>(batch.Count);
        var pendingKeys = new HashSet<DuplicateTracker.BodyKey>();
        foreach (var item in batch)
        {
            if (item.DuplicateKey is { } key && !pendingKeys.Add(key))
            {
                Send(connection, pending, keys, duplicates);
                pending.Clear();
                pendingKeys.Clear();
                pendingKeys.Add(key);
            }
            pending.Add(item);
        }
        Send(connection, pending, keys, duplicates);
    }

    private static void Send(NpgsqlConnection connection, List<IngestItem> items, Dictionary<string, long> keys, DuplicateMarking duplicates)
    {
        if (items.Count == 0) return;
        using var command = new NpgsqlBatch(connection);
        var inserted = new List<IngestItem>(items.Count);
        foreach (var item in items)
        {
            var e = item.Event;
            if (item.IsAnswerNotDelivered)
            {
                command.BatchCommands.Add(new NpgsqlBatchCommand(ProjectionSql.PostgresMarkAnswerNotDelivered) { Parameters = { new NpgsqlParameter { Value = e.Id } } });
                continue;
            }
            duplicates.Mark(item);
            var statement = new NpgsqlBatchCommand(ProjectionSql.PostgresInsertEvent);
            PostgresEventParameters.PrepareBody(e, item.RawBody);
            var parameters = new PostgresEventParameters(statement.Parameters);
            EventParameters.Bind(ref parameters, e, item.RawBody, Key(keys, e.SessionId), Key(keys, e.MediaSessionId), Key(keys, e.Name));
            command.BatchCommands.Add(statement);
            inserted.Add(item);
        }
        using var reader = command.ExecuteReader();
        // One result per statement in order; the updates return none, the inserts one row with the new id.
        var next = 0;
        do
        {
            if (reader.Read()) inserted[next++].Event.Id = reader.GetInt64(0);
        }
        while (reader.NextResult());
        if (next != inserted.Count) throw new InvalidOperationException($"PostgreSQL returned {next} event ids for {inserted.Count} events.");
        foreach (var item in inserted) duplicates.Remember(item);
    }

    private static long? Key(Dictionary<string, long> keys, string? value) => value is null ? null : keys[value];

    private void Project(NpgsqlConnection connection, List<IngestItem> batch, long now, BatchChanges changes)
    {
        var sessionKeys = new SortedSet<string>(StringComparer.Ordinal);
        var streamKeys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (!DuplicateMarking.Projects(item)) continue;
            var f = item.Fields!;
            if (f.SessionId is { } s) sessionKeys.Add(s);
            if (f.MediaSessionId is { } m) streamKeys.Add(m);
        }
        if (sessionKeys.Count == 0 && streamKeys.Count == 0) return;
        // Sessions first, then streams, each in key order: every instance locks in this order.
        var sessions = LockedRows.Load(connection, rows.Session, sessionKeys);
        var streams = LockedRows.Load(connection, rows.Stream, streamKeys);
        foreach (var item in batch)
        {
            if (!DuplicateMarking.Projects(item)) continue;
            var f = item.Fields!;
            var e = item.Event;
            if (f.MediaSessionId is { } mediaSessionId)
            {
                Projector.ApplyStream(streams.Row(mediaSessionId), streams.TakeIsNew(mediaSessionId), f, e);
                changes.Streams.Add(mediaSessionId);
            }
            if (f.SessionId is not { } sessionId) continue;
            var clientFields = e.Kind == HookKind.Connect || e.Method == WcsMethod.ConnectionStatusEvent;
            Projector.ApplySession(sessions.Row(sessionId), sessions.TakeIsNew(sessionId), f, e, item.SessionStatus, item.RestClientConfig, clientFields);
            changes.Sessions.Add(sessionId);
            if (SessionStatus.EndsStreams(item.SessionStatus))
            {
                // The session's streams are found in the database, so pending stream changes go there first; the
                // streams it ends are read back, as the statement changed them under the batch's copies.
                streams.Flush(connection);
                var ended = EndSessionStreams(connection, sessionId, e.Id, now);
                changes.Streams.UnionWith(ended);
                streams.Reload(connection, ended);
            }
        }
        streams.Flush(connection);
        sessions.Flush(connection);
    }

    private static List<string> EndSessionStreams(NpgsqlConnection connection, string sessionId, long eventId, long now)
    {
        using var command = new NpgsqlCommand(ProjectionSql.PostgresEndSessionStreams, connection)
        {
            Parameters = { new NpgsqlParameter { Value = sessionId }, new NpgsqlParameter { Value = eventId }, new NpgsqlParameter { Value = now } },
        };
        using var reader = command.ExecuteReader();
        var ended = new List<string>();
        while (reader.Read()) ended.Add(reader.GetString(0));
        return ended;
    }

    /// <summary>One statement per rule and batch, in rule order (the rows are locked in that order).</summary>
    private static void CountRuleHits(NpgsqlConnection connection, List<IngestItem> batch, long now)
    {
        var hits = new SortedDictionary<long, long>();
        foreach (var item in batch)
            if (!item.IsAnswerNotDelivered && item.Event.RuleId is { } rule) hits[rule] = hits.GetValueOrDefault(rule) + 1;
        if (hits.Count == 0) return;
        using var command = new NpgsqlBatch(connection);
        foreach (var (rule, count) in hits)
            command.BatchCommands.Add(new NpgsqlBatchCommand(ProjectionSql.PostgresCountRuleHits)
            {
                Parameters = { new NpgsqlParameter { Value = rule }, new NpgsqlParameter { Value = count }, new NpgsqlParameter { Value = now } },
            });
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Checks once per connection that the tables have the columns the EF model maps (a missing migration fails the
    /// batch with a clear message instead of writing half a row).
    /// </summary>
    private void CheckTables(NpgsqlConnection connection)
    {
        Check(connection, rows.Stream.Table, rows.Stream.Columns.Select(c => c.Name));
        Check(connection, rows.Session.Table, rows.Session.Columns.Select(c => c.Name));
    }

    private static void Check(NpgsqlConnection connection, string table, IEnumerable<string> expected)
    {
        using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = table } },
        };
        using var reader = command.ExecuteReader();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) stored.Add(reader.GetString(0));
        if (!stored.SetEquals(expected))
            throw new InvalidOperationException(
                $"The database's table {table} (columns {string.Join(", ", stored.Order())}) is not the EF model's " +
                $"(columns {string.Join(", ", expected.Order())}): is a migration missing?");
    }
}
