namespace StreamPortal.Anomalies;

/// <summary>
/// A map that forgets its oldest entries past a capacity: the detector's memory of ended streams and sessions and of
/// refused connects must stay bounded however many a hostile caller makes up.
/// </summary>
public sealed class BoundedMap<TValue>(int capacity)
{
    private readonly Dictionary<string, TValue> _values = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _values.Count;

    public bool TryGet(string key, out TValue value) => _values.TryGetValue(key, out value!);

    /// <summary>Keeps the first value of a key (the first end is the one later hooks are late against).</summary>
    public void TryAdd(string key, TValue value)
    {
        if (!_values.TryAdd(key, value)) return;
        _order.Enqueue(key);
        while (_values.Count > capacity && _order.TryDequeue(out var oldest)) _values.Remove(oldest);
    }
}
