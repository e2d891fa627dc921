using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace StreamPortal.Rules;

/// <summary>Reads the JSON text an answer body may be given as (a string instead of a JSON value).</summary>
internal static class AnswerJson
{
    public static bool TryParse(string text, out JsonElement value, [NotNullWhen(false)] out string? error)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            value = doc.RootElement.Clone();
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            value = default;
            error = $"The body is not JSON: {ex.Message}";
            return false;
        }
    }
}
