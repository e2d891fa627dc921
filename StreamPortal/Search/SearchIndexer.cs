using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamPortal.Data;
using StreamPortal.Hosting;
using StreamPortal.Live;

namespace StreamPortal.Search;

/// <summary>
/// Indexes committed events for search in the background (SQLite): every <see cref="SearchOptions.IntervalMs"/> it
/// reads the first copies above the indexed mark from the database (a read: no lock the hook writer waits for) and
/// writes their index rows and the new mark to the index file (<see cref="SearchIndexFile"/>, a lock of its own).
/// Nothing of this runs on the hook path, and an event not yet indexed is still found by <c>q</c> (the query reads the
/// ids above the mark). A bounded cleanup walks the index a slice at a time and drops the rows of deleted events. The
/// lag is in <see cref="SearchStatus"/>.
/// </summary>
public sealed class SearchIndexer(
    StorageConnection storage,
    SearchStatus status,
    IOptions<SearchOptions> options,
    TimeProvider time,
    BackgroundStart backgroundStart,
    ILogger<SearchIndexer> logger) : BackgroundService
{
    // Every 8th pass (2 s at the default interval) the cleanup checks 5,000 index rows: a walk of 1,000,000 rows takes
    // ~7 minutes, at a few milliseconds a slice. Rows of deleted events cost nothing but space meanwhile: a query
    // joins its candidates back to Events.
    private const int CleanupEveryPasses = 8;
    private const int CleanupSlice = 5_000;

    // The background loop and IndexNow (tests, tools) share the index connection and its writer (marks, vocabulary).
    private readonly Lock _gate = new();
    private SqliteConnection? _index;
    private SearchIndexWriter _writer = new();
    private long _cleanedUpTo;
    private readonly List<long> _cleanupSlice = new(CleanupSlice);
    private readonly List<long> _cleanupStored = new(CleanupSlice);
    private int _passes;

    /// <summary>The index file, or null when there is none (PostgreSQL, in-memory database).</summary>
    public string? IndexPath { get; } = storage.IsPostgres ? null : SearchIndexFile.PathFor(storage.ConnectionString);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (IndexPath is null || !options.Value.Enabled) return;
        // Not before the server listens: a first pass (or a rebuild) beside the start-up work would delay the first
        // answered hook, and until then the tail above the mark is searched by reading it anyway.
        if (!await backgroundStart.ListeningAsync(stoppingToken)) return;
        // On a thread the OS schedules after the hook path's (BackgroundThread): its passes come in bursts.
        await BackgroundThread.Run("search indexer", () => Loop(stoppingToken));
    }

    private void Loop(CancellationToken stoppingToken)
    {
        try
        {
            using var events = storage.Open();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.IntervalMs), time);
            do
            {
                try { Pass(events, cleanAll: false, stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
                {
                    // The tail above the mark is still searched by reading it: results stay right, only slower.
                    logger.LogWarning(ex, "Indexing events for search failed; will retry.");
                }
            }
            // The thread is this loop's own: waiting on it blocks nothing else.
            while (timer.WaitForNextTickAsync(stoppingToken).AsTask().GetAwaiter().GetResult());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>One pass now and a whole cleanup walk (tests: index without waiting for the interval).</summary>
    internal void IndexNow()
    {
        if (IndexPath is null) return;
        using var events = storage.Open();
        Pass(events, cleanAll: true, CancellationToken.None);
    }

    private void Pass(SqliteConnection events, bool cleanAll, CancellationToken ct)
    {
        lock (_gate)
        {
            try
            {
                // EnsureOpen each time: a batch may have rebuilt the file (and replaced the connection).
                while (!ct.IsCancellationRequested && IndexBatch(events, EnsureOpen())) { }
                status.Behind(SearchCommands.Scalar(events, SearchIndexSql.OldestUnindexedAt, null, ("$mark", _writer.Mark)) is { } at
                    ? time.GetUtcNow().ToUnixTimeMilliseconds() - at : 0);
                if (cleanAll) while (Cleanup(events, EnsureOpen())) { }
                else if (++_passes % CleanupEveryPasses == 0) Cleanup(events, EnsureOpen());
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
            {
                // SQLITE_CORRUPT, SQLITE_NOTADB: derived data, so it is built again (the scan answers meanwhile).
                logger.LogWarning(ex, "The search index file {Path} is damaged; rebuilding it from Events.", IndexPath);
                Rebuild();
            }
        }
    }

    /// <summary>The index connection: opened (the file created or reused) on first use, and after the file went away.</summary>
    private SqliteConnection EnsureOpen()
    {
        if (_index is not null && File.Exists(IndexPath)) return _index;
        if (_index is not null)
        {
            logger.LogWarning("The search index file {Path} was deleted; rebuilding it from Events.", IndexPath);
            _index.Dispose();
            _index = null;
        }
        try { return Open(); }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            logger.LogWarning(ex, "The search index file {Path} is damaged; rebuilding it from Events.", IndexPath);
            return Rebuild();
        }
    }

    private SqliteConnection Open()
    {
        var path = IndexPath!;
        if (!File.Exists(path)) logger.LogInformation("Building the search index file {Path} from Events.", path);
        var index = SearchIndexFile.OpenForWriting(path, out var replaced);
        if (replaced) logger.LogInformation("The search index file {Path} had another format; building it again from Events.", path);
        var writer = new SearchIndexWriter();
        try { writer.Load(index); }
        catch
        {
            index.Dispose();
            throw;
        }
        _writer = writer;
        _cleanedUpTo = 0;
        status.Start(writer.Mark);
        return _index = index;
    }

    private SqliteConnection Rebuild()
    {
        _index?.Dispose();
        _index = null;
        SearchIndexFile.Delete(IndexPath!);
        return Open();
    }

    /// <returns>Whether more may be waiting.</returns>
    private bool IndexBatch(SqliteConnection events, SqliteConnection index)
    {
        var batch = _writer.IndexBatch(events, index, options.Value.BatchSize);
        if (batch.MarkAhead)
        {
            RepairMark();
            return true;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (batch.OldestAt > 0)
        {
            status.Indexed(batch.IndexedUpTo, now - batch.OldestAt);
            // While a pass catches up (a rebuild, a burst) the lag shown is the oldest waiting event's age now, not the 0
            // the last pass that found nothing left reported.
            if (batch.More) status.Behind(now - batch.OldestAt);
        }
        return batch.More;
    }

    /// <summary>
    /// Events are numbered max(id) + 1, so when the newest events are deleted (retention that empties the table) new
    /// ones reuse ids at or below the mark, where the index may hold the deleted events' rows under the same ids. That
    /// happens only when the table was (nearly) emptied, so the index is simply built again.
    /// </summary>
    private void RepairMark()
    {
        logger.LogInformation("The newest events were deleted (indexed up to {Mark}); rebuilding the search index.", _writer.Mark);
        Rebuild();
    }

    /// <summary>
    /// Checks the next slice of index rows against Events and deletes the rows of events that are gone with no copy
    /// left (a copy is found through its first copy's row, so that row stays while a copy does).
    /// </summary>
    /// <returns>true when the walk goes on, false when it came back to the start.</returns>
    /// <remarks>
    /// The slice's ids are matched against the stored ids of the same range (both in order) in lists kept from slice to
    /// slice; only the few missing ones go to SQL as a JSON list. A JSON list of the whole slice was a 40 KB string
    /// every two seconds, a twentieth of the portal's allocations under load (bench/RESULTS.md, "Fifteenth session").
    /// </remarks>
    private bool Cleanup(SqliteConnection events, SqliteConnection index)
    {
        var ids = _cleanupSlice;
        ids.Clear();
        SearchCommands.ReadIds(index, SearchIndexSql.RowidsAfter, ids, ("$after", _cleanedUpTo), ("$n", CleanupSlice));
        if (ids.Count == 0)
        {
            _cleanedUpTo = 0;
            return false;
        }
        var stored = _cleanupStored;
        stored.Clear();
        SearchCommands.ReadIds(events, SearchIndexSql.EventIdsBetween, stored, ("$from", ids[0]), ("$to", ids[^1]));
        var missing = new List<long>();
        for (int i = 0, j = 0; i < ids.Count; i++)
        {
            while (j < stored.Count && stored[j] < ids[i]) j++;
            if (j == stored.Count || stored[j] != ids[i]) missing.Add(ids[i]);
        }
        if (missing.Count > 0)
        {
            var gone = new List<long>();
            SearchCommands.ReadIds(events, SearchIndexSql.Gone, gone,
                ("$ids", "[" + string.Join(',', missing.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]"));
            if (gone.Count > 0)
            {
                using var tx = index.BeginTransaction(deferred: false);
                SearchCommands.ExecEach(index, tx, SearchIndexSql.Delete, "$id", SqliteType.Integer, gone);
                tx.Commit();
            }
        }
        _cleanedUpTo = ids.Count < CleanupSlice ? 0 : ids[^1];
        return _cleanedUpTo != 0;
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            _index?.Dispose();
            _index = null;
        }
        base.Dispose();
    }
}
