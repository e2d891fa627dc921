using System.Globalization;
using System.Text;

namespace StreamPortal.Simulator;

/// <summary>A run's summary as plain text tables (the CLI's last lines).</summary>
public static class SummaryText
{
    public static string Format(SimulationSummary summary)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hooks sent: {summary.HooksSent}; ErrorEvents clients received: {summary.ErrorEvents}");
        Table(text, "Hooks by method", summary.HooksByMethod);
        Table(text, "Answers by status", summary.AnswersByStatus);
        Table(text, "Sessions by outcome", summary.SessionsByOutcome);
        Table(text, "Streams by outcome", summary.StreamsByOutcome);
        return text.ToString();
    }

    private static void Table(StringBuilder text, string title, IReadOnlyDictionary<string, int> counts)
    {
        text.AppendLine(title);
        var width = counts.Keys.Select(k => k.Length).DefaultIfEmpty(4).Max();
        foreach (var (key, count) in counts) text.AppendLine(CultureInfo.InvariantCulture, $"  {key.PadRight(width)}  {count,7}");
        if (counts.Count == 0) text.AppendLine("  (none)");
    }
}
