using System.Buffers;

namespace StreamPortal.Rules;

/// <summary>
/// The answer headers a rule may set (RFC 9110): checked when a rule is saved and again when a stored rule is loaded,
/// so that no answer carries a header Kestrel refuses (it throws while writing: a 500 after the event was recorded
/// as answered with the rule's status).
/// </summary>
public static class RuleHeaders
{
    public const int MaxValueLength = 8 * 1024;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    // Visible ASCII, space and horizontal tab: RFC 9110's field-vchar/SP/HTAB without obs-text, which is what Kestrel
    // writes (it refuses the rest, non-ASCII included, unless an encoding selector is configured, which the portal is not).
    private static readonly SearchValues<char> ValueChars = SearchValues.Create(
        "\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// Framing and hop-by-hop headers (RFC 9110 7.6.1, 6.4) describe the connection and the body the portal writes;
    /// Content-Type stays the portal's too, because every answer body it writes is JSON (or none).
    /// </summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding", "Connection", "Keep-Alive",
        "Proxy-Connection", "Upgrade", "TE", "Trailer",
    };

    /// <summary>Every problem, as (header name, message); empty when all headers can be sent as given.</summary>
    public static List<(string Name, string Message)> Problems(IEnumerable<KeyValuePair<string, string?>> headers)
    {
        var problems = new List<(string, string)>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(TokenChars))
                problems.Add((name, $"'{name}' is not a valid header name (RFC 9110 token characters only)."));
            else if (Reserved.Contains(name))
                problems.Add((name, $"{name} is set by the portal and cannot be overridden."));
            else if (!seen.TryAdd(name, name))
                problems.Add((name, $"'{name}' repeats '{seen[name]}': header names are case-insensitive, so give it once."));
            if (ValueProblem(name, value) is { } problem) problems.Add((name, problem));
        }
        return problems;
    }

    private static string? ValueProblem(string name, string? value)
    {
        if (value is null) return $"The value of {name} must be a string.";
        if (value.Length > MaxValueLength) return $"The value of {name} is longer than {MaxValueLength} characters.";
        var bad = value.AsSpan().IndexOfAnyExcept(ValueChars);
        if (bad >= 0)
            return $"The value of {name} holds U+{(int)value[bad]:X4} at position {bad}: header values are visible ASCII, "
                + "space and tab only (no CR, LF, NUL, other control or non-ASCII characters).";
        if (value.Length > 0 && (value[0] is ' ' or '\t' || value[^1] is ' ' or '\t'))
            return $"The value of {name} must not start or end with a space or tab (HTTP drops them).";
        return null;
    }
}
