using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamPortal.Data;

namespace StreamPortal.Search;

/// <summary>
/// Indexes committed events for search in the background (SQLite): every <see cref="SearchOptions.IntervalMs"/> it
/// reads the events above the indexed mark, builds their text outside any lock, then writes the index rows and the
/// new mark in short transactions of its own. Nothing of this runs on the hook path: hooks are answered as soon as
/// the writer commits, and an event not yet indexed is still found by <c>q</c> (the query scans the ids above the
/// mark). The lag is in <see cref="SearchStatus"/>.
/// </summary>
public sealed class SearchIndexer(
    StorageConnection storage,
    SearchStatus status,
    IOptions<SearchOptions> options,
    TimeProvider time,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    private readonly SearchVocabulary _vocabulary = new();
    // The background loop and IndexNow (tests, tools) share the mark and the vocabulary.
    private readonly Lock _gate = new();
    private bool _started;
    private long _mark;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage.IsPostgres || !options.Value.Enabled) return;
        await Task.Yield();
        try
        {
            using var connection = storage.Open();
            Exec(connection, "PRAGMA busy_timeout=10000;");
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.IntervalMs), time);
            do
            {
                try { IndexPending(connection, stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
                {
                    // The tail above the mark is still searched by scan: results stay right, only slower.
                    logger.LogWarning(ex, "Indexing events for search failed; will retry.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>One pass now, on a connection of its own (tests: index without waiting for the interval).</summary>
    internal void IndexNow()
    {
        using var connection = storage.Open();
        IndexPending(connection, CancellationToken.None);
    }

    private void Start(SqliteConnection connection)
    {
        _mark = Scalar(connection, SearchSql.IndexedUpTo);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = SearchSql.Keys;
        var keys = new List<string>();
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) keys.Add(reader.GetString(0));
        _vocabulary.Load(keys);
        status.Start(_mark);
        _started = true;
    }

    /// <summary>Indexes everything above the mark, one batch per transaction, then records how far behind it is.</summary>
    private void IndexPending(SqliteConnection connection, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_started) Start(connection);
            IndexPendingLocked(connection, ct);
        }
    }

    private void IndexPendingLocked(SqliteConnection connection, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && IndexBatch(connection) == options.Value.BatchSize) { }
        using var oldest = connection.CreateCommand();
        oldest.CommandText = SearchSql.OldestUnindexedAt;
        oldest.Parameters.AddWithValue("$mark", _mark);
        status.Behind(oldest.ExecuteScalar() is long at ? time.GetUtcNow().ToUnixTimeMilliseconds() - at : 0);
    }

    private sealed record Pending(long Id, long ReceivedAtMs, string Text);

    /// <returns>How many events were read (the batch size when more may be waiting).</returns>
    private int IndexBatch(SqliteConnection connection)
    {
        var rows = new List<Pending>();
        var newKeys = new HashSet<string>(StringComparer.Ordinal);
        using (var read = connection.CreateCommand())
        {
            read.CommandText = SearchSql.ReadAfter;
            read.Parameters.AddWithValue("$mark", _mark);
            read.Parameters.AddWithValue("$n", options.Value.BatchSize);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var text = SearchText.Of(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    key => _vocabulary.Knows(key, newKeys));
                rows.Add(new Pending(reader.GetInt64(0), reader.GetInt64(1), text));
            }
        }
        if (rows.Count == 0)
        {
            RepairMark(connection);
            return 0;
        }

        var last = rows[^1].Id;
        using (var tx = connection.BeginTransaction(deferred: false))
        {
            // Retention may have deleted some since the read: index only what is still there (no orphan rows).
            var existing = new HashSet<long>();
            using (var ids = connection.CreateCommand())
            {
                ids.Transaction = tx;
                ids.CommandText = SearchSql.ExistingIds;
                ids.Parameters.AddWithValue("$from", _mark);
                ids.Parameters.AddWithValue("$to", last);
                using var reader = ids.ExecuteReader();
                while (reader.Read()) existing.Add(reader.GetInt64(0));
            }
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = SearchSql.Insert;
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var textParameter = insert.Parameters.Add("$text", SqliteType.Text);
            insert.Prepare();
            foreach (var row in rows)
            {
                if (!existing.Contains(row.Id)) continue;
                id.Value = row.Id;
                textParameter.Value = row.Text;
                insert.ExecuteNonQuery();
            }
            using var key = connection.CreateCommand();
            key.Transaction = tx;
            key.CommandText = SearchSql.InsertKey;
            var keyParameter = key.Parameters.Add("$key", SqliteType.Text);
            foreach (var k in newKeys)
            {
                keyParameter.Value = k;
                key.ExecuteNonQuery();
            }
            SetMark(connection, tx, last);
            tx.Commit();
        }
        _vocabulary.Commit(newKeys);
        _mark = last;
        status.Indexed(last, time.GetUtcNow().ToUnixTimeMilliseconds() - rows[0].ReceivedAtMs);
        return rows.Count;
    }

    /// <summary>
    /// Events are numbered max(id) + 1, so when the newest events are deleted (retention that empties the table) new
    /// ones reuse ids at or below the mark, where the query would not scan for them. The mark goes back to the newest
    /// event still indexed (every stored event up to it is indexed; a reused id is above it).
    /// </summary>
    private void RepairMark(SqliteConnection connection)
    {
        if (Scalar(connection, SearchSql.NewestEvent) >= _mark) return;
        using var tx = connection.BeginTransaction(deferred: false);
        if (Scalar(connection, SearchSql.NewestEvent, tx) >= _mark) return;
        var mark = Scalar(connection, SearchSql.NewestIndexed, tx);
        SetMark(connection, tx, mark);
        tx.Commit();
        _mark = mark;
        status.Indexed(mark, 0);
        logger.LogInformation("The newest events were deleted; search indexing restarts after event {Id}.", mark);
    }

    private static void SetMark(SqliteConnection connection, SqliteTransaction tx, long mark)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = SearchSql.SetIndexedUpTo;
        cmd.Parameters.AddWithValue("$mark", mark);
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
