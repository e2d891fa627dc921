using System.Text.Json;

namespace StreamPortal.Rules;

/// <summary>
/// The body as a DOM, parsed at most once per hook and only when a rule with field conditions gets that far.
/// </summary>
public sealed class HookBodyView(ReadOnlyMemory<byte> body) : IDisposable
{
    private JsonDocument? _doc;
    private bool _failed;

    /// <summary>The element at a dotted path (numeric segments index arrays), or null when absent.</summary>
    public JsonElement? Find(string[] path)
    {
        if (_doc is null && !_failed)
        {
            try { _doc = JsonDocument.Parse(body); }
            catch (JsonException) { _failed = true; }
        }
        if (_doc is null) return null;
        var current = _doc.RootElement;
        foreach (var segment in path)
        {
            if (current.ValueKind == JsonValueKind.Object)
            {
                if (!current.TryGetProperty(segment, out current)) return null;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < current.GetArrayLength())
                current = current[index];
            else return null;
        }
        return current;
    }

    /// <summary>What equals, glob and regex compare: a string's value, anything else's JSON text (true, 42, null).</summary>
    public static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    public void Dispose() => _doc?.Dispose();
}
