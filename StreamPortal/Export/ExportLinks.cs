using System.Globalization;
using StreamPortal.Data.Queries;

namespace StreamPortal.Export;

/// <summary>The export URL of a filter, in the query names of GET /api/events (EventListRequest).</summary>
public static class ExportLinks
{
    public static string For(EventFilter f, ExportFormat format)
    {
        var query = new List<string> { "format=" + ExportFormats.Extension(format) };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) query.Add(name + "=" + Uri.EscapeDataString(value));
        }
        Add("method", f.Method);
        Add("kind", f.Kind is { } k ? char.ToLowerInvariant(k.ToString()[0]) + k.ToString()[1..] : null);
        Add("appKey", f.AppKey);
        Add("stream", f.Stream);
        Add("sessionId", f.SessionId);
        Add("mediaSessionId", f.MediaSessionId);
        Add("status", f.Status);
        Add("answerStatus", f.AnswerStatus?.ToString(CultureInfo.InvariantCulture));
        Add("ruleId", f.RuleId?.ToString(CultureInfo.InvariantCulture));
        Add("duplicates", f.Duplicates == DuplicateChoice.Show ? null : DuplicateChoices.Text(f.Duplicates));
        Add("rejected", f.Rejected is { } r ? (r ? "true" : "false") : null);
        Add("q", f.Q);
        Add("from", f.FromMs is { } from ? DateTimeOffset.FromUnixTimeMilliseconds(from).ToString("O", CultureInfo.InvariantCulture) : null);
        Add("to", f.ToMs is { } to ? DateTimeOffset.FromUnixTimeMilliseconds(to).ToString("O", CultureInfo.InvariantCulture) : null);
        return "/api/events/export?" + string.Join("&", query);
    }
}
