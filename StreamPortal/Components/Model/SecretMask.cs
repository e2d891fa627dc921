using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StreamPortal.Components.Model;

/// <summary>
/// Values that look like credentials, hidden before the console shows a body: every value under a key naming a
/// token, password, secret or authorization (at any depth), and any string shaped like a JWT wherever it is. The
/// stored body is untouched (it is evidence); only admins may reveal it in the console.
/// </summary>
// Its patterns run over caller-chosen text (bodies and user agents up to the hook body limit): on the
// non-backtracking engine, so that no input makes them superlinear.
public static partial class SecretMask
{
    public const string Mask = "••••••";

    private static readonly string[] SecretKeyParts = ["token", "password", "passwd", "secret", "authorization", "apikey", "api_key"];

    public static bool IsSecretKey(string key) =>
        SecretKeyParts.Any(p => key.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Three base64url parts, the first a JSON header ("eyJ" is the encoding of <c>{"</c>).</summary>
    public static bool LooksLikeJwt(string value) => JwtRegex().IsMatch(value);

    /// <summary>The element with its secrets masked, or the element itself when it has none.</summary>
    public static JsonElement? Apply(JsonElement? element)
    {
        if (element is not { } e) return null;
        var node = JsonNode.Parse(e.GetRawText());
        if (node is null || !MaskNode(node)) return e;
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>Raw text (a body that is no JSON): JWT-shaped runs masked.</summary>
    public static string? ApplyText(string? text) => text is null ? null : JwtInTextRegex().Replace(text, Mask);

    /// <summary>A header's value, masked when its name says it is a credential.</summary>
    public static string Header(string name, string value) => IsSecretKey(name) || name.Equals("cookie", StringComparison.OrdinalIgnoreCase)
        || LooksLikeJwt(value) ? Mask : value;

    private static bool MaskNode(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is null) continue;
                    if (IsSecretKey(key))
                    {
                        obj[key] = Mask;
                        changed = true;
                    }
                    else changed |= MaskChild(obj, key, child);
                }
                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is not { } child) continue;
                    if (child is JsonValue v && v.TryGetValue<string>(out var s) && LooksLikeJwt(s)) { arr[i] = Mask; changed = true; }
                    else changed |= MaskNode(child);
                }
                break;
        }
        return changed;
    }

    private static bool MaskChild(JsonObject obj, string key, JsonNode child)
    {
        if (child is JsonValue v && v.TryGetValue<string>(out var s) && LooksLikeJwt(s))
        {
            obj[key] = Mask;
            return true;
        }
        return MaskNode(child);
    }

    [GeneratedRegex(@"^eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$", RegexOptions.NonBacktracking)] private static partial Regex JwtRegex();
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*", RegexOptions.NonBacktracking)] private static partial Regex JwtInTextRegex();
}
