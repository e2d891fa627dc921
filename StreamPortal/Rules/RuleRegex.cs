using System.Text.RegularExpressions;

namespace StreamPortal.Rules;

/// <summary>
/// Builds a field condition's regex. The linear engine (NonBacktracking) first: its cost per hook grows with the
/// input, never exponentially, so a pattern like ^(a+)+$ costs nothing special. Only the constructs it refuses
/// (backreferences, lookarounds, atomic groups, ...) fall back to the backtracking engine, which then relies on the
/// match timeout alone.
/// </summary>
public static class RuleRegex
{
    /// <param name="compiled">For the hook path (compiled once per snapshot); validation only needs to parse.</param>
    /// <exception cref="ArgumentException">The pattern is not a regular expression.</exception>
    public static Regex Create(string pattern, bool compiled)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RuleCompiler.RegexTimeout);
        }
        catch (NotSupportedException)
        {
            var options = RegexOptions.CultureInvariant | (compiled ? RegexOptions.Compiled : RegexOptions.None);
            return new Regex(pattern, options, RuleCompiler.RegexTimeout);
        }
    }
}
