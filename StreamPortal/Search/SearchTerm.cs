using System.Text;

namespace StreamPortal.Search;

/// <summary>Whether a term of <c>q</c> can be looked up in the index, and its FTS5 query.</summary>
public static class SearchTerm
{
    /// <summary>The trigram tokenizer's minimum: shorter terms have no trigram to look up.</summary>
    public const int MinLength = 3;

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

    /// <summary>The term's distinct trigrams (by code point, as the tokenizer cuts them; case kept).</summary>
    public static IReadOnlyList<string> Trigrams(string term)
    {
        var runes = term.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var trigrams = new List<string>();
        for (var i = 0; i + 2 < runes.Length; i++)
        {
            var trigram = runes[i] + runes[i + 1] + runes[i + 2];
            if (!trigrams.Contains(trigram, StringComparer.OrdinalIgnoreCase)) trigrams.Add(trigram);
        }
        return trigrams;
    }

    /// <summary>
    /// The FTS5 query for some of a term's trigrams: each a quoted string (so that AND, OR, NEAR, *, ^ and the rest are
    /// plain text) joined by AND. Any subset is right: the LIKE re-check of the candidates is exact.
    /// </summary>
    public static string MatchExpression(IEnumerable<string> trigrams)
    {
        var chosen = new StringBuilder();
        foreach (var trigram in trigrams)
        {
            if (chosen.Length > 0) chosen.Append(" AND ");
            chosen.Append('"').Append(trigram.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return chosen.ToString();
    }
}
