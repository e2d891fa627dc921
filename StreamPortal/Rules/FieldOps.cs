namespace StreamPortal.Rules;

/// <summary>The operators of a field condition, as the JSON spells them.</summary>
public static class FieldOps
{
    public const string EqualsOp = "equals";
    public const string Glob = "glob";
    public const string Regex = "regex";
    public const string Exists = "exists";
    public const string NotExists = "notExists";
    public static readonly IReadOnlyList<string> All = [EqualsOp, Glob, Regex, Exists, NotExists];
    public static bool NeedsValue(string op) => op is EqualsOp or Glob or Regex;
}
