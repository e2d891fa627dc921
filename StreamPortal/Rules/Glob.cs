namespace StreamPortal.Rules;

/// <summary>
/// A compiled * / ? pattern, case-sensitive. The common shapes (any, literal, prefix*, *suffix) take a fast path;
/// the rest use the linear-backtracking wildcard walk. No regex, so nothing is compiled per hook.
/// </summary>
public sealed class Glob
{
    private enum Shape { Any, Literal, Prefix, Suffix, Contains, General }

    private readonly Shape _shape;
    private readonly string _pattern;
    private readonly string _part;

    public Glob(string pattern)
    {
        _pattern = pattern;
        _part = pattern;
        var stars = pattern.Count(c => c == '*');
        var wild = pattern.Contains('?');
        if (pattern.Length > 0 && stars == pattern.Length) _shape = Shape.Any;
        else if (stars == 0 && !wild) _shape = Shape.Literal;
        else if (!wild && stars == 1 && pattern[^1] == '*') { _shape = Shape.Prefix; _part = pattern[..^1]; }
        else if (!wild && stars == 1 && pattern[0] == '*') { _shape = Shape.Suffix; _part = pattern[1..]; }
        else if (!wild && stars == 2 && pattern.Length > 2 && pattern[0] == '*' && pattern[^1] == '*') { _shape = Shape.Contains; _part = pattern[1..^1]; }
        else _shape = Shape.General;
    }

    public bool IsMatch(string? text)
    {
        if (_shape == Shape.Any) return true;
        if (text is null) return false;
        return _shape switch
        {
            Shape.Literal => string.Equals(text, _part, StringComparison.Ordinal),
            Shape.Prefix => text.StartsWith(_part, StringComparison.Ordinal),
            Shape.Suffix => text.EndsWith(_part, StringComparison.Ordinal),
            Shape.Contains => text.Contains(_part, StringComparison.Ordinal),
            _ => Walk(_pattern, text),
        };
    }

    private static bool Walk(ReadOnlySpan<char> p, ReadOnlySpan<char> t)
    {
        int pi = 0, ti = 0, star = -1, mark = 0;
        while (ti < t.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || p[pi] == t[ti])) { pi++; ti++; }
            else if (pi < p.Length && p[pi] == '*') { star = pi++; mark = ti; }
            else if (star >= 0) { pi = star + 1; ti = ++mark; }
            else return false;
        }
        while (pi < p.Length && p[pi] == '*') pi++;
        return pi == p.Length;
    }
}
