using Npgsql;
using StreamPortal.Data.Entities;
using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The PostgreSQL writer. Several instances may write the same tables at once and one session's hooks may reach
/// different instances, so the projection rules must hold in the database, whichever instance a hook reached. Each
/// batch is one transaction that inserts its events and moves the stream and session rows it touches; the commit
/// returns once durable (synchronous_commit is forced on, see PostgresDataSource). Round trips, not statements, are
/// what a batch costs on a busy machine (each one waits for the server's process and then the writer's thread to be
/// scheduled), so a batch is written one of two ways:
/// <list type="bullet">
/// <item>Checked (one round trip): the rows come from this writer's cache (<see cref="PostgresRowCache{TRow}"/>),
/// are projected in memory and written with the events, each only if the database still holds the version cached
/// (a key the cache lacks is inserted, only if new). One instance alone, or one whose load balancer keeps a session
/// on it, writes nearly every batch this way.</item>
/// <item>Locked (two round trips): when a check fails (another writer changed a row since: the transaction rolls back
/// and nothing of it stays), or after a recent failure (<see cref="CheckedWrites"/>), or when a session end is
/// followed in the batch by a stream hook: the rows are created if missing, locked (in key order, sessions then
/// streams) and read, projected, and written back. A session end followed in the same batch by a hook of one of
/// that session's streams costs one more (the streams it ended are read back before that hook is applied).</item>
/// </list>
/// Either way the rows end in the cache at their committed version. A batch that moves no projection (only
/// duplicates, rejected hooks) makes one round trip; so does the id reserve's top-up when a batch outgrows it.
/// </summary>
internal sealed class PostgresBatchStore(NpgsqlDataSource source, ProjectedRows rows, ILogger logger) : IBatchStore
{
    private const string Deadlock = "40P01";
    private const string SerializationFailure = "40001";
    private const string Begin = "BEGIN ISOLATION LEVEL READ COMMITTED";

    /// <summary>No rows changed outside the batch's copies (sessions: only streams are ended by a statement).</summary>
    private static readonly IReadOnlySet<string> NoKeys = System.Collections.Frozen.FrozenSet<string>.Empty;

    private readonly PostgresRowStatements<ClientSession> _sessions = new(rows.Session);
    private readonly PostgresRowStatements<StreamInstance> _streams = new(rows.Stream);
    private readonly PostgresRowCache<ClientSession> _sessionCache = new();
    private readonly PostgresRowCache<StreamInstance> _streamCache = new();
    private readonly CheckedWrites _checked = new();
    private readonly PostgresEventIds _ids = new();
    private NpgsqlConnection? _connection;

    /// <summary>Batches written the checked way, and checked attempts that met a changed row (for tests and the bench).</summary>
    internal (long Written, long Stale) CheckedCounts => (_checked.Written, _checked.Stale);

    public BatchChanges Write(List<IngestItem> batch, long now, DuplicateMarking duplicates)
    {
        if (_checked.ShouldTry() && CanCheck(batch))
        {
            if (WriteChecked(batch, now, duplicates) is { } written)
            {
                _checked.Succeeded();
                return written;
            }
            _checked.Failed();
            duplicates.RolledBack();
        }
        try
        {
            return WriteLocked(batch, now, duplicates);
        }
        catch (PostgresException ex) when (ex.SqlState is Deadlock or SerializationFailure)
        {
            // Two writers locked the same rows in different orders (e.g. a row one of them had just created): the
            // server aborted this one, the other went through. Once more, now that the other has committed.
            logger.LogInformation(ex, "A batch of {Count} hooks met a concurrent writer ({State}); retrying it once.", batch.Count, ex.SqlState);
            duplicates.RolledBack();
            return WriteLocked(batch, now, duplicates);
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

    public int TakeStaleChecks() => _checked.TakeStale();

    public System.Data.Common.DbConnection? ChoreConnection => null;

    public void Dispose() => DropConnection();

    /// <summary>
    /// Whether the batch can be written from cached rows: not if a session end comes before a stream hook, since the
    /// end changes the session's streams in the database (<see cref="ProjectionSql.PostgresEndSessionStreams"/>) and
    /// a later hook of one of them must see that (the locked way reads them back).
    /// </summary>
    private static bool CanCheck(List<IngestItem> batch)
    {
        var ended = false;
        foreach (var item in batch)
        {
            if (!DuplicateMarking.Projects(item)) continue;
            if (ended && item.Fields!.MediaSessionId is not null) return false;
            ended |= item.Fields!.SessionId is not null && SessionStatus.EndsStreams(item.SessionStatus);
        }
        return true;
    }

    /// <summary>
    /// The batch in one round trip from cached rows (see the class's remarks); null if a row was not the version
    /// cached (nothing was stored: the caller writes the batch the locked way). Any other failure is thrown.
    /// </summary>
    private BatchChanges? WriteChecked(List<IngestItem> batch, long now, DuplicateMarking duplicates)
    {
        var connection = Connection();
        var changes = new BatchChanges();
        var sessions = new CheckedRows<ClientSession>(_sessions, _sessionCache);
        var streams = new CheckedRows<StreamInstance>(_streams, _streamCache);
        var endedStreams = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var trip = new PostgresRoundTrip();
            trip.Add(Begin, null);
            AddEvents(trip, connection, batch, duplicates);
            _ids.TopUp(trip);
            var transaction = 0u;
            trip.Add(PostgresRowSql.TransactionId, reader => transaction = ReadTransaction(reader));
            var ends = new List<(string SessionId, long EventId)>();
            foreach (var item in batch)
                if (DuplicateMarking.Projects(item) && Apply(item, sessions, streams, changes)) ends.Add((item.Fields!.SessionId!, item.Event.Id));
            // Sessions, then streams, then the ends (after every stream hook, which CanCheck made sure of): the order
            // of the locked way, so that the rows are locked in the same order whichever way a writer goes.
            sessions.Write(trip);
            streams.Write(trip);
            foreach (var (sessionId, eventId) in ends)
                trip.Add(ProjectionSql.PostgresEndSessionStreams, reader =>
                {
                    while (reader.Read()) endedStreams.Add(reader.GetString(0));
                }, sessionId, eventId, now);
            CountRuleHits(trip, batch, now);
            trip.Add("COMMIT", null);
            trip.Execute(connection);
            sessions.Keep(transaction, NoKeys);
            streams.Keep(transaction, endedStreams);
            changes.Streams.UnionWith(endedStreams);
            return changes;
        }
        catch (Exception ex)
        {
            sessions.Forget();
            streams.Forget();
            RollBack(connection);
            if (ex is PostgresException { SqlState: PostgresRowSql.Stale }) return null;
            // A deadlock with a writer going the locked way: this batch goes that way too, after the other.
            if (ex is PostgresException { SqlState: Deadlock or SerializationFailure }) return null;
            throw;
        }
    }

    private BatchChanges WriteLocked(List<IngestItem> batch, long now, DuplicateMarking duplicates)
    {
        var connection = Connection();
        var changes = new BatchChanges();
        try
        {
            var trip = new PostgresRoundTrip();
            trip.Add(Begin, null);
            AddEvents(trip, connection, batch, duplicates);
            _ids.TopUp(trip);
            var keep = Project(trip, connection, batch, now, changes);
            CountRuleHits(trip, batch, now);
            trip.Add("COMMIT", null);
            trip.Execute(connection);
            keep?.Invoke();
            return changes;
        }
        catch
        {
            RollBack(connection);
            throw;
        }
    }

    /// <summary>
    /// Ends the failed batch's transaction (the server skipped the statements after the failing one, COMMIT
    /// included); a connection that cannot even do that is dropped, and the next batch opens another.
    /// </summary>
    private void RollBack(NpgsqlConnection connection)
    {
        if (connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open)
        {
            DropConnection();
            return;
        }
        try
        {
            using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            rollback.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            DropConnection();
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

    /// <summary>
    /// Adds the batch's key strings and events (and answer-not-delivered marks) to the round trip. Each event gets its
    /// id and its duplicate mark here, in batch order, before anything is sent (see <see cref="PostgresEventIds"/>).
    /// </summary>
    private void AddEvents(PostgresRoundTrip trip, NpgsqlConnection connection, List<IngestItem> batch, DuplicateMarking duplicates)
    {
        var count = 0;
        foreach (var item in batch) if (!item.IsAnswerNotDelivered) count++;
        _ids.Ensure(connection, count);
        var events = new PostgresEventColumns(count);
        var values = new SortedSet<string>(StringComparer.Ordinal);
        var row = 0;
        foreach (var item in batch)
        {
            var e = item.Event;
            if (item.IsAnswerNotDelivered)
            {
                trip.Add(ProjectionSql.PostgresMarkAnswerNotDelivered, null, e.Id);
                continue;
            }
            e.Id = _ids.Take();
            duplicates.Mark(item);
            events.Set(row++, e, item.RawBody);
            duplicates.Remember(item);
            if (e.SessionId is { } s) values.Add(s);
            if (e.MediaSessionId is { } m) values.Add(m);
            if (e.Name is { } n) values.Add(n);
        }
        if (values.Count > 0) trip.Add(ProjectionSql.PostgresInsertKeys, null, [values.ToArray()]);
        if (count > 0) trip.Add(ProjectionSql.PostgresInsertEvents, null, events.Parameters());
    }

    /// <summary>
    /// Adds the creation and locking read of the batch's rows, sends the round trip (unless the batch moves no
    /// projection), applies the hooks to the rows read, and adds their writes to the next round trip. Returns what to
    /// do once that commits (hand the rows to the cache), or null if the batch moves no row.
    /// </summary>
    private Action? Project(PostgresRoundTrip trip, NpgsqlConnection connection, List<IngestItem> batch, long now, BatchChanges changes)
    {
        var sessionKeys = new SortedSet<string>(StringComparer.Ordinal);
        var streamKeys = new SortedSet<string>(StringComparer.Ordinal);
        // The last hook that moves a stream: a session that ends before it must have its ended streams read back.
        var lastStreamHook = -1;
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            if (!DuplicateMarking.Projects(item)) continue;
            var f = item.Fields!;
            if (f.SessionId is { } s) sessionKeys.Add(s);
            if (f.MediaSessionId is { } m)
            {
                streamKeys.Add(m);
                lastStreamHook = i;
            }
        }
        if (sessionKeys.Count == 0 && streamKeys.Count == 0) return null;
        var endedStreams = new HashSet<string>(StringComparer.Ordinal);
        var transaction = 0u;
        trip.Add(PostgresRowSql.TransactionId, reader => transaction = ReadTransaction(reader));
        // Sessions first, then streams, each in key order: every instance locks in this order.
        var sessions = new LockedRows<ClientSession>(_sessions, _sessionCache);
        var streams = new LockedRows<StreamInstance>(_streams, _streamCache);
        sessions.Load(trip, sessionKeys);
        streams.Load(trip, streamKeys);
        trip.Execute(connection);
        sessions.CheckLoaded();
        streams.CheckLoaded();
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            if (DuplicateMarking.Projects(item) && Apply(item, sessions, streams, changes))
            {
                var sessionId = item.Fields!.SessionId!;
                // The session's streams are found in the database, so pending stream changes go there first.
                streams.Flush(trip);
                trip.Add(ProjectionSql.PostgresEndSessionStreams, reader =>
                {
                    while (reader.Read())
                    {
                        changes.Streams.Add(reader.GetString(0));
                        endedStreams.Add(reader.GetString(0));
                    }
                }, sessionId, item.Event.Id, now);
                if (i < lastStreamHook && MovesStreamOf(batch, i + 1, lastStreamHook, sessionId, streams))
                {
                    // A later hook of this batch moves a stream this statement may end: read the streams back first.
                    streams.Reload(trip);
                    trip.Execute(connection);
                }
            }
        }
        streams.Flush(trip);
        sessions.Flush(trip);
        // Once committed, the rows as the database now holds them are the cache's, but for the streams a session's end
        // changed without these copies.
        return () =>
        {
            sessions.Keep(transaction, NoKeys);
            streams.Keep(transaction, endedStreams);
        };
    }

    /// <summary>
    /// Applies one hook to the batch's rows (either way of writing) and notes what changed; true if it ends its
    /// session, whose streams the caller must then end in the database.
    /// </summary>
    private static bool Apply(IngestItem item, IBatchRows<ClientSession> sessions, IBatchRows<StreamInstance> streams, BatchChanges changes)
    {
        var f = item.Fields!;
        var e = item.Event;
        if (f.MediaSessionId is { } mediaSessionId)
        {
            Projector.ApplyStream(streams.Row(mediaSessionId), streams.TakeIsNew(mediaSessionId), f, e);
            changes.Streams.Add(mediaSessionId);
        }
        if (f.SessionId is not { } sessionId) return false;
        Projector.ApplySession(sessions.Row(sessionId), sessions.TakeIsNew(sessionId), f, e, item.SessionStatus, item.RestClientConfig, ClientFields(e));
        changes.Sessions.Add(sessionId);
        return SessionStatus.EndsStreams(item.SessionStatus);
    }

    /// <summary>Whether the hook's client fields (app key, IP, user agent...) describe its session.</summary>
    private static bool ClientFields(HookEvent e) => e.Kind == HookKind.Connect || e.Method == WcsMethod.ConnectionStatusEvent;

    private static uint ReadTransaction(System.Data.Common.DbDataReader reader)
    {
        reader.Read();
        return (uint)reader.GetInt64(0);
    }

    /// <summary>
    /// Whether a hook in [from, to] moves a stream of <paramref name="sessionId"/>. The held copies are what the
    /// database has when the session's end is applied (every changed one was flushed just before, and they are
    /// locked), so a stream whose copy names another session is not one the end changes.
    /// </summary>
    private static bool MovesStreamOf(List<IngestItem> batch, int from, int to, string sessionId, LockedRows<StreamInstance> streams)
    {
        for (var j = from; j <= to; j++)
        {
            var item = batch[j];
            if (DuplicateMarking.Projects(item) && item.Fields!.MediaSessionId is { } m && streams.Row(m).SessionId == sessionId) return true;
        }
        return false;
    }

    /// <summary>One statement per rule and batch, in rule order (the rows are locked in that order).</summary>
    private static void CountRuleHits(PostgresRoundTrip trip, List<IngestItem> batch, long now)
    {
        var hits = new SortedDictionary<long, long>();
        foreach (var item in batch)
            if (!item.IsAnswerNotDelivered && item.Event.RuleId is { } rule) hits[rule] = hits.GetValueOrDefault(rule) + 1;
        foreach (var (rule, count) in hits) trip.Add(ProjectionSql.PostgresCountRuleHits, null, rule, count, now);
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
