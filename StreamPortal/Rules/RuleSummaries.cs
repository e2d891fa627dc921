namespace StreamPortal.Rules;

/// <summary>One-line texts of a rule's parts for lists.</summary>
public static class RuleSummaries
{
    public static string Match(RuleMatch m)
    {
        var parts = new List<string> { m.Methods.Count > 0 ? string.Join(", ", m.Methods) : "any method" };
        if (m.AppKey is { } app) parts.Add($"appKey {app}");
        if (m.StreamName is { } name) parts.Add($"name {name}");
        if (m.Statuses.Count > 0) parts.Add($"status {string.Join("|", m.Statuses)}");
        if (m.SessionId is { } s) parts.Add($"session {s}");
        foreach (var f in m.Fields) parts.Add(FieldOps.NeedsValue(f.Op) ? $"{f.Path} {f.Op} {f.Value}" : $"{f.Path} {f.Op}");
        return string.Join("; ", parts);
    }

    public static string Answer(RuleAnswer a)
    {
        var text = $"{a.Status} {BodyModes.Name(a.Body.Mode)}";
        if (a.DelayMaxMs is { } max && max > a.DelayMs) text += $", delay {a.DelayMs}-{max} ms";
        else if (a.DelayMs > 0) text += $", delay {a.DelayMs} ms";
        if (a.Headers.Count > 0) text += $", {a.Headers.Count} header(s)";
        return text;
    }

    public static string Limits(RuleLimits l)
    {
        var parts = new List<string>();
        if (l.Probability < 1) parts.Add($"p={l.Probability:0.###}");
        if (l.EveryNth is { } n) parts.Add(n == 1 ? "every match" : $"every {n}{Ordinal(n)} match");
        if (l.MaxHits is { } max) parts.Add($"max {max}");
        if (l.ActiveUntil is { } until) parts.Add($"until {until:u}");
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    /// <summary>English ordinal suffix: 2nd, 3rd, 11th, 21st.</summary>
    public static string Ordinal(int n) => (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
}
