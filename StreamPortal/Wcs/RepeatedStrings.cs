using System.Text;

namespace StreamPortal.Wcs;

/// <summary>
/// Strings that hooks carry over and over (node ids, app keys, statuses, codecs, browser versions, a node's request
/// headers): a value seen before is returned as the same string instead of a new one per hook. Direct-mapped by the
/// text's hash into a fixed number of slots, so its memory is bounded whatever callers send: a value that misses (a
/// new one, or its slot taken by another) costs what it cost without the table. Not for values unique to a session or
/// stream (ids, names): those would only churn the slots. The slot is the text's randomized hash (a new seed per
/// process), so a caller cannot aim values at one slot.
/// </summary>
/// <param name="slots">A power of two.</param>
/// <param name="maxChars">Longer values are made as they are, not kept.</param>
public sealed class RepeatedStrings(int slots, int maxChars)
{
    /// <summary>Hook body fields and route values: a fleet's nodes, apps and browsers take a few hundred values.</summary>
    public static RepeatedStrings Fields { get; } = new(1024, 256);

    /// <summary>Request headers as stored (JSON): per node and body length, a few hundred.</summary>
    public static RepeatedStrings Headers { get; } = new(512, 2048);

    private readonly string?[] _table = slots > 0 && (slots & (slots - 1)) == 0
        ? new string?[slots] : throw new ArgumentOutOfRangeException(nameof(slots), slots, "A power of two.");

    /// <summary>The text of valid UTF-8 bytes.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > maxChars) return Encoding.UTF8.GetString(utf8);
        // UTF-8 never has fewer bytes than UTF-16 code units: the text fits.
        Span<char> chars = stackalloc char[utf8.Length];
        chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        ref var slot = ref Slot(chars);
        // A slot holds a whole string or none: a reader sees the one before or the one after a replacement.
        if (Volatile.Read(ref slot) is { } seen && chars.SequenceEqual(seen)) return seen;
        var made = new string(chars);
        Volatile.Write(ref slot, made);
        return made;
    }

    /// <summary>The string seen before with this text, or this one (kept for the next).</summary>
    public string Get(string value)
    {
        if (value.Length > maxChars) return value;
        ref var slot = ref Slot(value);
        if (Volatile.Read(ref slot) is { } seen && string.Equals(seen, value, StringComparison.Ordinal)) return seen;
        Volatile.Write(ref slot, value);
        return value;
    }

    private ref string? Slot(ReadOnlySpan<char> text) => ref _table[string.GetHashCode(text) & (_table.Length - 1)];
}
