namespace StreamPortal.Ingest;

/// <summary>
/// The writer's map from session ids, media session ids and stream names to their EventKeys ids. The writer is
/// the only one to add keys, so the map stays true; a miss costs one indexed read (and an insert for a new string).
/// A failed transaction drops the map, as its new keys were rolled back.
/// </summary>
internal sealed class EventKeyCache(int capacity)
{
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);

    public long? Resolve(string? value, BatchCommands commands)
    {
        if (value is null) return null;
        if (_keys.TryGetValue(value, out var key)) return key;
        key = commands.FindKey(value) ?? commands.AddKey(value);
        _keys[value] = key;
        return key;
    }

    /// <summary>After a commit: keep memory bounded (a cleared map only costs reads).</summary>
    public void Trim()
    {
        if (_keys.Count > capacity) _keys.Clear();
    }

    /// <summary>After a rollback: keys added in it are gone from the database.</summary>
    public void Invalidate() => _keys.Clear();
}
