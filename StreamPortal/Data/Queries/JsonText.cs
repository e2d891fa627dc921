using System.Text.Json;

namespace StreamPortal.Data.Queries;

internal static class JsonText
{
    /// <summary>Stored JSON text as an element for API answers; null when absent, not JSON or not text.</summary>
    public static JsonElement? Element(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var element = doc.RootElement.Clone();
            // A rejected body may escape a lone surrogate ("\ud800"): it parses, but writing it into the answer
            // would throw halfway through (a 500); its raw text is still shown.
            if (json.Contains("\\u", StringComparison.Ordinal))
            {
                using var check = new Utf8JsonWriter(Stream.Null);
                element.WriteTo(check);
            }
            return element;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
