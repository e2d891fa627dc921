namespace StreamPortal.Ingest;

/// <summary>
/// The stream or session rows one PostgreSQL writer last committed or read, each with the version the database gave
/// it (<c>xmin</c>). It saves the locking read, never a check: a batch written from it is applied only where the
/// database still holds that version (<see cref="PostgresRowSql.CheckedUpdate{TRow}"/>), so a row another instance,
/// the retention job or an admin changed since is seen, and the batch goes the locking way instead.
/// </summary>
internal sealed class PostgresRowCache<TRow> where TRow : class
{
    /// <summary>
    /// Rows kept per table: the live streams or sessions of a busy server, at a few hundred bytes each. When full it
    /// starts again empty, which costs each live row one locking batch, not a wrong answer.
    /// </summary>
    internal const int Capacity = 8192;

    private readonly Dictionary<string, (TRow Row, uint Version)> _rows = new(StringComparer.Ordinal);

    public bool TryGet(string key, out TRow row, out uint version)
    {
        var found = _rows.TryGetValue(key, out var entry);
        (row, version) = entry;
        return found;
    }

    public void Put(string key, TRow row, uint version)
    {
        if (_rows.Count >= Capacity && !_rows.ContainsKey(key)) _rows.Clear();
        _rows[key] = (row, version);
    }

    public void Remove(string key) => _rows.Remove(key);

    /// <summary>
    /// After a batch's commit: takes its rows, each at <paramref name="versionOf"/> (the version the database now holds
    /// of it), except <paramref name="changedElsewhere"/>, rows a statement changed in the database without these
    /// copies (a session's end), which leave the cache.
    /// </summary>
    public void Keep(IReadOnlyDictionary<string, TRow> rows, Func<string, uint> versionOf, IReadOnlySet<string> changedElsewhere)
    {
        foreach (var (key, row) in rows)
            if (!changedElsewhere.Contains(key)) Put(key, row, versionOf(key));
        foreach (var key in changedElsewhere) Remove(key);
    }
}
