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
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RuleCompiler.RegexTimeout);
        }
        catch (NotSupportedException)
        {
            var options = RegexOptions.CultureInvariant | (compiled ? RegexOptions.Compiled : RegexOptions.None);
            regex = new Regex(pattern, options, RuleCompiler.RegexTimeout);
        }
        if (compiled) Warm(regex);
        return regex;
    }

    /// <summary>
    /// Runs the regex once, here, where rules are compiled, not on the first hook. A compiled regex's matcher is
    /// JIT-compiled on its first match, and that runs inside the match timeout: on a loaded machine the first hook
    /// after a rule change timed out (50 ms) and was let through unmatched (seen on CI with "(?=v)vip").
    /// </summary>
    private static void Warm(Regex regex)
    {
        try { _ = regex.IsMatch("warm-up"); }
        catch (RegexMatchTimeoutException) { } // The JIT is done either way; the next match starts warm.
    }
}
