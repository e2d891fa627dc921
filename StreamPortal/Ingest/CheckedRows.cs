namespace StreamPortal.Ingest;

/// <summary>
/// One PostgreSQL batch's stream or session rows taken from the writer's <see cref="PostgresRowCache{TRow}"/> instead
/// of locked and read: changed in memory, then written in the batch's one round trip, each checked against the version
/// it was cached with (a key the cache does not hold is inserted, checked to be new). A failed check fails the
/// batch's transaction; the caller then drops these rows from the cache (<see cref="Forget"/>) and writes the batch
/// the locking way (<see cref="LockedRows{TRow}"/>). The API mirrors <see cref="LockedRows{TRow}"/>'s, so the
/// projection code reads the same on both ways.
/// </summary>
internal sealed class CheckedRows<TRow>(PostgresRowStatements<TRow> sql, PostgresRowCache<TRow> cache) : IBatchRows<TRow> where TRow : class, new()
{
    private readonly Dictionary<string, TRow> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _versions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _new = new(StringComparer.Ordinal);

    /// <summary>The cached row (changed in place: the cache holds what the database will hold once committed), or a new one.</summary>
    public TRow Row(string key)
    {
        if (_rows.TryGetValue(key, out var row)) return row;
        if (cache.TryGet(key, out row, out var version))
        {
            _versions[key] = version;
        }
        else
        {
            row = new TRow();
            sql.Key.SetText(row, key);
            _new.Add(key);
        }
        return _rows[key] = row;
    }

    /// <summary>Whether the row is new to the database and not yet projected into (as <see cref="LockedRows{TRow}.TakeIsNew"/>).</summary>
    public bool TakeIsNew(string key) => _new.Remove(key);

    /// <summary>Adds every row's checked write, in key order (the order every writer locks rows in).</summary>
    public void Write(PostgresRoundTrip trip)
    {
        foreach (var key in _rows.Keys.Order(StringComparer.Ordinal))
        {
            var row = _rows[key];
            trip.Add(_versions.TryGetValue(key, out var version) ? sql.CheckedUpdate(row, version) : sql.CheckedInsert(row), static _ => { });
        }
    }

    /// <summary>
    /// After the commit: hands the rows to the cache, every one at <paramref name="transaction"/>'s version (see
    /// <see cref="PostgresRowCache{TRow}.Keep"/>).
    /// </summary>
    public void Keep(uint transaction, IReadOnlySet<string> changedElsewhere) => cache.Keep(_rows, _ => transaction, changedElsewhere);

    /// <summary>After a failure: the cached rows were changed in place for a write that did not happen.</summary>
    public void Forget()
    {
        foreach (var key in _rows.Keys) cache.Remove(key);
    }
}
