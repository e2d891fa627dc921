using Microsoft.Data.Sqlite;
using StreamPortal.Data;

namespace StreamPortal.Ingest;

/// <summary>
/// The SQLite writer: prepared statements on its own connection (see <see cref="BatchCommands"/>), the projected
/// rows kept in its cache (it is the only writer of the file, so the cache stays true).
/// </summary>
internal sealed class SqliteBatchStore : IBatchStore
{
    private readonly SqliteConnection _connection;
    private readonly BatchCommands _commands;
    private readonly ProjectionCache _cache;
    private readonly EventKeyCache _keys;
    private readonly IngestOptions _options;

    public SqliteBatchStore(StorageConnection storage, IngestOptions options, ProjectedRows rows)
    {
        _options = options;
        _connection = storage.Open(options.Synchronous);
        try
        {
            TuneWriterConnection();
            _commands = new BatchCommands(_connection, rows);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
        _cache = new ProjectionCache(options.ProjectionCacheSize);
        // Three strings per hook at most (session, media session, stream name).
        _keys = new EventKeyCache(3 * options.ProjectionCacheSize);
    }

    /// <summary>
    /// A big page cache keeps index pages in memory across batches; checkpoints are StorageMaintenance's job, with
    /// the writer's own auto-checkpoint only as a backstop (WalBackstopPages); the WAL file is cut back to 64 MB
    /// after checkpoints so that it does not keep the size of its largest burst.
    /// </summary>
    private void TuneWriterConnection()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"PRAGMA busy_timeout={_options.WriterBusyTimeoutMs}; PRAGMA cache_size=-{_options.WriterCacheMb * 1024}; PRAGMA wal_autocheckpoint={_options.WalBackstopPages}; PRAGMA journal_size_limit=67108864; PRAGMA temp_store=MEMORY;";
        cmd.ExecuteNonQuery();
    }

    public BatchChanges Write(List<IngestItem> batch, long now, DuplicateMarking duplicates)
    {
        var changes = new BatchChanges();
        var commands = _commands;
        commands.Begin();
        try
        {
            foreach (var item in batch)
            {
                if (item.IsAnswerNotDelivered)
                {
                    commands.MarkAnswerNotDelivered(item.Event.Id);
                    continue;
                }
                duplicates.Mark(item);
                item.Event.Id = commands.InsertEvent(item.Event, item.RawBody, _keys);
                duplicates.Remember(item);
                if (DuplicateMarking.Projects(item)) _cache.Apply(item, commands, now, changes);
                if (item.Event.RuleId is { } ruleId) commands.CountRuleHit(ruleId, now);
            }
            _cache.Flush(commands);
            commands.Commit();
        }
        catch
        {
            commands.RollBackIfOpen();
            _cache.Invalidate();
            _keys.Invalidate();
            throw;
        }
        _cache.Trim();
        _keys.Trim();
        return changes;
    }

    /// <summary>
    /// A write lock held by another connection is no hook's fault: retrying hooks one by one would make each wait the
    /// busy timeout again (past WCS's timeout), so the rest of the batch fails at once and WCS is told to retry.
    /// </summary>
    public StoreUnavailableException? Unavailable(Exception ex)
    {
        if (ex is not SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED }) return null;
        var busySeconds = Math.Max(1, (int)Math.Ceiling(_options.WriterBusyTimeoutMs / 1000.0));
        return new StoreUnavailableException(
            $"The database is locked by another connection (waited {_options.WriterBusyTimeoutMs} ms, " +
            $"{IngestOptions.Section}:{nameof(IngestOptions.WriterBusyTimeoutMs)}); the hook was not stored.", TimeSpan.FromSeconds(busySeconds), ex);
    }

    public int TakePagesWritten() => _commands.TakePagesWritten();

    // One writer owns the file: its cache cannot go stale.
    public int TakeStaleChecks() => 0;

    // Chores delete events only, which neither cache holds.
    public System.Data.Common.DbConnection ChoreConnection => _connection;

    public void Dispose()
    {
        _commands.Dispose();
        _connection.Dispose();
    }
}
