using System.Text.Json;

namespace StreamPortal.Data.Queries;

internal static class JsonText
{
    /// <summary>Stored JSON text as an element for API answers; null when absent or not JSON.</summary>
    public static JsonElement? Element(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
