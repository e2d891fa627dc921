using System.Collections.Frozen;
using System.Text;

namespace StreamPortal.Search;

/// <summary>
/// The indexer's copy of EventSearchKeys: the JSON key names of indexed bodies, which the index leaves out
/// (<see cref="SearchText"/>; a term inside one of them is scanned, see EventTextSearch). Bounded, because callers
/// choose key names: past <see cref="MaxKeys"/> a new key is indexed as a value instead (still found, at the cost of
/// its trigrams). New keys join this copy only once their transaction committed them (<see cref="Commit"/>), so a
/// rolled-back batch leaves no key that the table lacks.
/// </summary>
public sealed class SearchVocabulary
{
    public const int MaxKeys = 2048;

    private FrozenSet<string> _keys = FrozenSet<string>.Empty;

    public int Count => _keys.Count;

    public void Load(IEnumerable<string> keys) => _keys = keys.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="rawKey"/> (UTF-8, as written in the body) is in the vocabulary or joins it with this batch
    /// (<paramref name="added"/>, which the indexer stores with the batch). false when the vocabulary is full: the
    /// caller indexes it as a value. A known key is looked up without a string (it is decoded on the stack).
    /// </summary>
    public bool Knows(ReadOnlySpan<byte> rawKey, HashSet<string> added)
    {
        Span<char> chars = rawKey.Length <= 256 ? stackalloc char[rawKey.Length] : new char[rawKey.Length];
        ReadOnlySpan<char> key = chars[..Encoding.UTF8.GetChars(rawKey, chars)];
        if (_keys.GetAlternateLookup<ReadOnlySpan<char>>().Contains(key) || added.GetAlternateLookup<ReadOnlySpan<char>>().Contains(key)) return true;
        if (_keys.Count + added.Count >= MaxKeys) return false;
        added.Add(key.ToString());
        return true;
    }

    /// <summary>The keys of a committed batch.</summary>
    public void Commit(HashSet<string> added)
    {
        if (added.Count > 0) _keys = _keys.Concat(added).ToFrozenSet(StringComparer.Ordinal);
    }
}
