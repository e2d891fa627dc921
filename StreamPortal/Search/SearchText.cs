using System.Text;
using System.Text.Json;

namespace StreamPortal.Search;

/// <summary>
/// The text of one event that the trigram index holds: the method, stream name, session id and the body's values,
/// one per line, each as it is written in the raw body (escapes kept, since the search matches the raw body).
/// </summary>
/// <remarks>
/// Why values only: every WCS body repeats the same ~40 key names, so their trigrams sit in every event's index row
/// and made each insert ~2-3x dearer (bench/RESULTS.md). A key name goes to the vocabulary instead (a term
/// inside a known key name is scanned, see <see cref="SearchTerm"/>); past the vocabulary's bound it is indexed as a
/// value. Values shorter than 3 bytes are left out (no term of 3 characters fits in them); a value repeated in one
/// body is written once. A body that is not one complete JSON value (rejected, base64, comments, trailing text) is
/// indexed whole. What this leaves out of a JSON body is what <see cref="SearchTerm.UsesIndex"/> sends to the scan:
/// quotes and <c>{}[]:,</c> (the structure), key names, whitespace between tokens (a trimmed term without structure
/// cannot span it).
/// </remarks>
public static class SearchText
{
    public delegate bool KnownKey(string rawKey);

    public static string Of(string method, string? name, string? sessionId, string? body, KnownKey keys)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder(256);
        Add(method);
        Add(name);
        Add(sessionId);
        if (!string.IsNullOrEmpty(body) && !AddJsonValues(body, parts, text, keys)) Add(body);
        return text.ToString();

        void Add(string? part)
        {
            if (part is { Length: >= 3 } && parts.Add(part)) text.Append(part).Append('\n');
        }
    }

    /// <returns>false when the body is not one complete JSON value: the caller then indexes it whole.</returns>
    private static bool AddJsonValues(string body, HashSet<string> parts, StringBuilder text, KnownKey keys)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var start = text.Length;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var key = Encoding.UTF8.GetString(reader.ValueSpan);
                        if (!keys(key) && key.Length >= 3 && parts.Add(key)) text.Append(key).Append('\n');
                        break;
                    case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        // ValueSpan is the raw text between the quotes (escapes kept) or the literal as written.
                        if (reader.ValueSpan.Length >= 3)
                        {
                            var value = Encoding.UTF8.GetString(reader.ValueSpan);
                            if (parts.Add(value)) text.Append(value).Append('\n');
                        }
                        break;
                }
            }
            return reader.BytesConsumed == bytes.Length || IsWhitespace(bytes.AsSpan((int)reader.BytesConsumed));
        }
        catch (JsonException)
        {
            text.Length = start;
            return false;
        }
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')) return false;
        return true;
    }
}
