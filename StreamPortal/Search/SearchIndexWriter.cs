using Microsoft.Data.Sqlite;
using StreamPortal.Ingest;

namespace StreamPortal.Search;

/// <summary>
/// Writes the search index file (<see cref="SearchIndexSql"/>): the keyed values and first copies above its marks, a
/// batch at a time, read in one snapshot of the database and written in one transaction of the file. The portal's
/// <c>SearchIndexer</c> runs it in the background; bench/Seed fills a seeded database's file with it. One per
/// index connection, not thread-safe.
/// </summary>
public sealed class SearchIndexWriter
{
    /// <summary>
    /// Keyed values per batch while many wait (a rebuild at 10,000,000 events finds ~250,000): such a batch writes keys
    /// only, and events follow once the keys are caught up (an event is never marked indexed before its keys).
    /// </summary>
    public const int KeyChunk = 16_384;

    private readonly SearchVocabulary _vocabulary = new();
    // The batch's texts (keys, then events), reused from batch to batch.
    private readonly SearchTextBuffer _texts = new(64 * 1024);
    private readonly List<Pending> _keys = [];
    private readonly List<Pending> _events = [];

    private readonly record struct Pending(long Id, (int Start, int Length) Text);

    /// <summary>Every first copy up to this event id is indexed, none above.</summary>
    public long Mark { get; private set; }

    /// <summary>Every keyed value up to this EventKeys id is indexed, none above.</summary>
    public long KeysMark { get; private set; }

    /// <summary>Reads the marks and the JSON key vocabulary of an index file opened with its tables made.</summary>
    public void Load(SqliteConnection index)
    {
        Mark = SearchCommands.Scalar(index, SearchIndexSql.IndexedUpTo) ?? 0;
        KeysMark = SearchCommands.Scalar(index, SearchIndexSql.KeysIndexedUpTo) ?? 0;
        var keys = new List<string>();
        using var cmd = index.CreateCommand();
        cmd.CommandText = SearchIndexSql.Keys;
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) keys.Add(reader.GetString(0));
        _vocabulary.Load(keys);
    }

    /// <summary>Indexes the next keyed values and up to <paramref name="batchSize"/> first copies.</summary>
    public SearchBatch IndexBatch(SqliteConnection events, SqliteConnection index, int batchSize)
    {
        _texts.Clear();
        _keys.Clear();
        _events.Clear();
        var newJsonKeys = new HashSet<string>(StringComparer.Ordinal);
        long newest, newestKey, oldestAt = 0;
        // One snapshot of the database: the newest ids and the rows under them agree (the writer commits ids in order,
        // an event's keys with it or before).
        using (var read = events.BeginTransaction(deferred: true))
        {
            newest = SearchCommands.Scalar(events, SearchIndexSql.NewestEvent, read) ?? 0;
            if (newest < Mark)
            {
                read.Commit();
                return new SearchBatch(0, Mark, More: false, MarkAhead: true, OldestAt: 0);
            }
            newestKey = SearchCommands.Scalar(events, SearchIndexSql.NewestKey, read) ?? 0;
            if (newestKey > KeysMark) ReadKeys(events, newestKey);
            if (_keys.Count < KeyChunk && newest > Mark)
            {
                oldestAt = SearchCommands.Scalar(events, SearchIndexSql.OldestUnindexedAt, read, ("$mark", Mark)) ?? 0;
                ReadEvents(events, newest, batchSize, newJsonKeys);
            }
            read.Commit();
        }
        var keysOnly = _keys.Count == KeyChunk;
        var keysUpTo = keysOnly ? _keys[^1].Id : Math.Max(KeysMark, newestKey);
        // A full batch ends at its last row; a short one covered every event up to the snapshot's newest (copies too).
        var upTo = keysOnly ? Mark : _events.Count == batchSize ? _events[^1].Id : newest;
        if (upTo == Mark && keysUpTo == KeysMark) return new SearchBatch(0, Mark, More: false, MarkAhead: false, OldestAt: 0);

        using (var tx = index.BeginTransaction(deferred: false))
        {
            Insert(index, SearchIndexSql.InsertKeyValue, "$value", _keys);
            Insert(index, SearchIndexSql.Insert, "$text", _events);
            SearchCommands.ExecEach(index, tx, SearchIndexSql.InsertKey, "$key", SqliteType.Text, newJsonKeys);
            SearchCommands.Exec(index, SearchIndexSql.SetIndexedUpTo, tx, ("$mark", upTo), ("$keys", keysUpTo));
            tx.Commit();
        }
        _vocabulary.Commit(newJsonKeys);
        Mark = upTo;
        KeysMark = keysUpTo;
        return new SearchBatch(_events.Count, upTo, More: keysOnly || _events.Count == batchSize, MarkAhead: false, oldestAt);
    }

    private void ReadKeys(SqliteConnection events, long newestKey)
    {
        using var select = new RawStatement(events, SearchIndexSql.ReadKeysAfter);
        select.Int(select.Slot("$mark"), KeysMark);
        select.Int(select.Slot("$newest"), newestKey);
        select.Int(select.Slot("$n"), KeyChunk);
        while (select.Step())
        {
            SearchText.WriteKey(_texts, select.ColumnUtf8(1));
            _keys.Add(new Pending(select.ColumnInt(0), _texts.RowRange));
        }
        select.Reset();
    }

    private void ReadEvents(SqliteConnection events, long newest, int batchSize, HashSet<string> newJsonKeys)
    {
        // Read through SQLite's own API: each column's UTF-8 bytes go into the text without a string.
        using var select = new RawStatement(events, SearchIndexSql.ReadAfter);
        select.Int(select.Slot("$mark"), Mark);
        select.Int(select.Slot("$newest"), newest);
        select.Int(select.Slot("$n"), batchSize);
        SearchText.KnownKey known = key => _vocabulary.Knows(key, newJsonKeys);
        while (select.Step())
        {
            SearchText.Write(_texts, select.ColumnUtf8(1),
                new KeyColumnValues(select.ColumnUtf8(3), select.ColumnUtf8(4)),
                new KeyColumnValues(select.ColumnUtf8(5), select.ColumnUtf8(6), select.ColumnUtf8(7)),
                select.ColumnUtf8(2), known);
            _events.Add(new Pending(select.ColumnInt(0), _texts.RowRange));
        }
        select.Reset();
    }

    private void Insert(SqliteConnection index, string sql, string textSlot, List<Pending> rows)
    {
        if (rows.Count == 0) return;
        using var insert = new RawStatement(index, sql);
        var id = insert.Slot("$id");
        var text = insert.Slot(textSlot);
        foreach (var row in rows)
        {
            insert.Int(id, row.Id);
            insert.Utf8(text, _texts.Text(row.Text));
            insert.Execute();
        }
    }
}

/// <summary>What one <see cref="SearchIndexWriter.IndexBatch"/> did.</summary>
/// <param name="Events">First copies indexed.</param>
/// <param name="IndexedUpTo">The event mark after it.</param>
/// <param name="More">Whether more may be waiting (a full batch of events or of keys).</param>
/// <param name="MarkAhead">The newest event is below the mark (the newest were deleted and ids are reused): the file
/// must be built again. Nothing was written.</param>
/// <param name="OldestAt">Arrival (Unix ms) of the oldest event above the mark when the batch read, 0 when it read no
/// events.</param>
public readonly record struct SearchBatch(int Events, long IndexedUpTo, bool More, bool MarkAhead, long OldestAt);
