using System.IO.Hashing;
using System.Text;

namespace StreamPortal.Wcs;

/// <summary>
/// Strings that hooks carry over and over (node ids, app keys, statuses, codecs, browser versions, a node's request
/// headers): a value seen before is returned as the same string instead of a new one per hook. Direct-mapped by the
/// UTF-8 bytes' hash into a fixed number of slots, so its memory is bounded whatever callers send: a value that misses
/// (a new one, or its slot taken by another) costs what it cost without the table plus one small entry. Not for
/// values unique to a session or stream (ids, names): those would only churn the slots.
/// </summary>
/// <param name="slots">A power of two.</param>
/// <param name="maxBytes">Longer values are made as they are, not kept.</param>
public sealed class RepeatedStrings(int slots, int maxBytes)
{
    /// <summary>Hook body fields: a fleet's nodes, apps and browsers take a few hundred values.</summary>
    public static RepeatedStrings Fields { get; } = new(1024, 256);

    /// <summary>Request headers as stored (JSON): per node and body length, a few hundred.</summary>
    public static RepeatedStrings Headers { get; } = new(512, 2048);

    private sealed record Entry(byte[] Utf8, string Value);

    private readonly Entry?[] _table = slots > 0 && (slots & (slots - 1)) == 0
        ? new Entry?[slots] : throw new ArgumentOutOfRangeException(nameof(slots), slots, "A power of two.");

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > maxBytes) return Encoding.UTF8.GetString(utf8);
        var slot = (int)(XxHash3.HashToUInt64(utf8) & (ulong)(_table.Length - 1));
        // An entry is never changed once made, so a reader sees a whole one or the one before it.
        var entry = Volatile.Read(ref _table[slot]);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8)) return entry.Value;
        var value = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref _table[slot], new Entry(utf8.ToArray(), value));
        return value;
    }
}
