using System.Text;
using System.Text.Json;

namespace StreamPortal.Search;

/// <summary>
/// The text of one event that the trigram index holds: the method and the body's values, one per line, each as it is
/// written in the raw body (escapes kept, since the search matches the raw body). The event's stream name, session id
/// and media session id are not in it when they have an EventKeys row (<see cref="KeyColumnValues"/>): they are indexed
/// once per distinct value (EventKeySearch) and a query finds their events through the key columns. Written as UTF-8
/// straight from the stored bytes into a buffer the indexer reuses (<see cref="SearchTextBuffer"/>).
/// </summary>
/// <remarks>
/// Why values only: every WCS body repeats the same ~40 key names, so their trigrams sit in every event's index row
/// and made each insert ~2-3x dearer (bench/RESULTS.md). A key name goes to the vocabulary instead (a term
/// inside a known key name is scanned, see <see cref="SearchTerm"/>); past the vocabulary's bound it is indexed as a
/// value. Parts shorter than 3 bytes are left out (no term of 3 characters fits in them); a part repeated in one
/// event is written once. A body that is not one complete JSON value (rejected, base64, comments, trailing text) is
/// indexed whole. What this leaves out of a JSON body is what <see cref="SearchTerm.UsesIndex"/> sends to the scan:
/// quotes and <c>{}[]:,</c> (the structure), key names, whitespace between tokens (a trimmed term without structure
/// cannot span it).
/// Why the keyed values apart: every stream name (<c>stream-000123</c>) shares its trigrams with every other and its
/// digits with the timestamps, so at 10,000,000 events no two of its trigrams narrowed the rows below the candidate bound
/// and the search scanned (35 s). Among the ~250,000 distinct keyed values it is one, and its events are one indexed
/// read away. A body string byte for byte equal to a keyed value is left out for the same reason (a term inside it is
/// inside the value); one written with escapes is not equal and stays.
/// Why bytes: the indexer made half of the portal's allocations at 1,000 hooks/s (strings of each body, of each value
/// and of the joined text), and the gen0 collections they caused put pauses into the hooks' answer times.
/// </remarks>
public static class SearchText
{
    /// <summary>Whether a raw key name (escapes kept) goes to the vocabulary (true) or is indexed as a value.</summary>
    public delegate bool KnownKey(ReadOnlySpan<byte> rawKey);

    /// <summary>Appends one event's text to <paramref name="buffer"/>; the part written is the row's text.</summary>
    /// <param name="unkeyed">Stream name and session id columns without an EventKeys row (none in a database the
    /// portal wrote): indexed here as before, since no key leads to their events.</param>
    /// <param name="keyed">The event's values found through its key columns: left out.</param>
    public static void Write(SearchTextBuffer buffer, ReadOnlySpan<byte> method, KeyColumnValues unkeyed, KeyColumnValues keyed,
        ReadOnlySpan<byte> body, KnownKey keys)
    {
        buffer.BeginRow();
        buffer.Add(method);
        buffer.Add(unkeyed.First);
        buffer.Add(unkeyed.Second);
        if (body.Length > 0 && !AddJsonValues(buffer, body, keyed, keys)) buffer.Add(body);
    }

    /// <summary>Appends one keyed value's text (a row of EventKeySearch): the value as EventKeys holds it.</summary>
    public static void WriteKey(SearchTextBuffer buffer, ReadOnlySpan<byte> value)
    {
        buffer.BeginRow();
        buffer.Add(value);
    }

    /// <summary>The text as a string (tests, tools): the same bytes <see cref="Write"/> appends, every value keyed.</summary>
    public static string Of(string method, string? name, string? sessionId, string? body, KnownKey keys)
    {
        var buffer = new SearchTextBuffer();
        Write(buffer, Encoding.UTF8.GetBytes(method), default,
            new KeyColumnValues(Encoding.UTF8.GetBytes(name ?? ""), Encoding.UTF8.GetBytes(sessionId ?? "")),
            Encoding.UTF8.GetBytes(body ?? ""), keys);
        return Encoding.UTF8.GetString(buffer.Row);
    }

    /// <returns>false when the body is not one complete JSON value: the caller then indexes it whole.</returns>
    private static bool AddJsonValues(SearchTextBuffer buffer, ReadOnlySpan<byte> body, KeyColumnValues keyed, KnownKey keys)
    {
        var mark = buffer.Mark();
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        // ValueSpan is the raw key between the quotes (escapes kept).
                        if (!keys(reader.ValueSpan)) buffer.Add(reader.ValueSpan);
                        break;
                    case JsonTokenType.String:
                        // The raw text between the quotes (escapes kept), unless its events are found through a key.
                        if (!keyed.Contains(reader.ValueSpan)) buffer.Add(reader.ValueSpan);
                        break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        // The literal as written.
                        buffer.Add(reader.ValueSpan);
                        break;
                }
            }
            return reader.BytesConsumed == body.Length || IsWhitespace(body[(int)reader.BytesConsumed..]);
        }
        catch (JsonException)
        {
            buffer.Restore(mark);
            return false;
        }
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')) return false;
        return true;
    }
}

/// <summary>
/// Up to three of an event's stream name, session id and media session id as UTF-8 (empty when absent): those with an
/// EventKeys row (left out of the event's index row, see <see cref="SearchText"/>) or those without (written into it).
/// </summary>
public readonly ref struct KeyColumnValues(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third = default)
{
    public ReadOnlySpan<byte> First { get; } = first;
    public ReadOnlySpan<byte> Second { get; } = second;
    public ReadOnlySpan<byte> Third { get; } = third;

    public bool Contains(ReadOnlySpan<byte> value) =>
        value.Length > 0 && (value.SequenceEqual(First) || value.SequenceEqual(Second) || value.SequenceEqual(Third));
}

/// <summary>
/// The UTF-8 texts of a batch of index rows, one after the other in one reused buffer, and the parts of the row being
/// written (to write each part once). Not thread-safe: the indexer owns one.
/// </summary>
public sealed class SearchTextBuffer
{
    private byte[] _bytes;
    private int _count;
    private readonly List<(int Start, int Length)> _parts = [];
    private int _rowStart;

    /// <param name="capacity">Bytes to start with; the buffer grows as a batch needs.</param>
    public SearchTextBuffer(int capacity = 4096) => _bytes = new byte[capacity];

    /// <summary>The text of the row being written (or last written).</summary>
    public ReadOnlySpan<byte> Row => _bytes.AsSpan(_rowStart, _count - _rowStart);

    /// <summary>Where the current row's text lies, for <see cref="Text"/> later in the batch.</summary>
    public (int Start, int Length) RowRange => (_rowStart, _count - _rowStart);

    /// <summary>A text written earlier in this batch.</summary>
    public ReadOnlySpan<byte> Text((int Start, int Length) range) => _bytes.AsSpan(range.Start, range.Length);

    /// <summary>Starts a new batch (the texts handed out before are gone).</summary>
    public void Clear()
    {
        _count = 0;
        _rowStart = 0;
        _parts.Clear();
    }

    internal void BeginRow()
    {
        _rowStart = _count;
        _parts.Clear();
    }

    /// <summary>Appends a part and a line break, unless it is shorter than a trigram or already in this row.</summary>
    internal void Add(ReadOnlySpan<byte> part)
    {
        if (part.Length < 3) return;
        foreach (var (start, length) in _parts)
            if (length == part.Length && _bytes.AsSpan(start, length).SequenceEqual(part)) return;
        if (_count + part.Length + 1 > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _count + part.Length + 1));
        _parts.Add((_count, part.Length));
        part.CopyTo(_bytes.AsSpan(_count));
        _count += part.Length;
        _bytes[_count++] = (byte)'\n';
    }

    internal (int Count, int Parts) Mark() => (_count, _parts.Count);

    /// <summary>Drops what was appended since <paramref name="mark"/> (a body that turned out not to be JSON).</summary>
    internal void Restore((int Count, int Parts) mark)
    {
        _count = mark.Count;
        _parts.RemoveRange(mark.Parts, _parts.Count - mark.Parts);
    }
}
