using System.Text;

namespace StreamPortal.Search;

/// <summary>Whether a term of <c>q</c> can be looked up in the index, and its FTS5 query.</summary>
public static class SearchTerm
{
    /// <summary>The trigram tokenizer's minimum: shorter terms have no trigram to look up.</summary>
    public const int MinLength = 3;

    // Each trigram costs one doclist read; a long term is selective long before its 16th trigram, and the LIKE re-check
    // makes any subset of its trigrams exact.
    private const int MaxTrigrams = 16;

    /// <summary>
    /// true when every event whose raw body, method, stream name or session id holds the term (as the old substring
    /// scan matches it) also holds it in its indexed text (<see cref="SearchText"/>), so index candidates + the LIKE
    /// re-check give exactly the scan's rows. Not so for a term of fewer than 3 characters, one with a JSON structure
    /// character (it may span a key, a quote or a separator), one with leading or trailing whitespace (it may span the
    /// space between tokens). A term inside a key name of the indexed bodies (EventSearchKeys) is scanned too, decided by
    /// the query (keys are not indexed).
    /// </summary>
    public static bool UsesIndex(string term) =>
        term.EnumerateRunes().Count() >= MinLength && term.Trim().Length == term.Length && term.AsSpan().IndexOfAny("\"{}[]:,") < 0;

    /// <summary>
    /// The FTS5 query for a term: its trigrams, each a quoted string (so that AND, OR, NEAR, *, ^ and the rest are plain
    /// text) joined by AND. Needs a term of at least <see cref="MinLength"/> characters.
    /// </summary>
    public static string MatchExpression(string term)
    {
        var runes = term.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var trigrams = new List<string>();
        for (var i = 0; i + 2 < runes.Length; i++)
        {
            var trigram = runes[i] + runes[i + 1] + runes[i + 2];
            if (!trigrams.Contains(trigram, StringComparer.OrdinalIgnoreCase)) trigrams.Add(trigram);
        }
        // Spread over the term when it has more than the cap, so that its end still narrows the candidates.
        var step = Math.Max(1.0, trigrams.Count / (double)MaxTrigrams);
        var chosen = new StringBuilder();
        for (var k = 0.0; (int)k < trigrams.Count; k += step)
        {
            if (chosen.Length > 0) chosen.Append(" AND ");
            chosen.Append('"').Append(trigrams[(int)k].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return chosen.ToString();
    }
}
