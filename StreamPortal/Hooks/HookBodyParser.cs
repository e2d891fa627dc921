using System.Text;
using System.Text.Json;

namespace StreamPortal.Hooks;

/// <summary>
/// One forward pass over the body with Utf8JsonReader: checks it is one JSON object, that known fields have
/// WCS's types, and lifts the projected fields. No DOM is built, so a 4 KB SDP costs a skip, not a copy.
/// </summary>
public static class HookBodyParser
{
    public static HookParseResult Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return HookParseResult.Fail("The body is empty; WCS always sends one JSON object.");
        var fields = new HookFields();
        List<string>? errors = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            if (!reader.Read()) return HookParseResult.Fail("The body is empty; WCS always sends one JSON object.");
            if (reader.TokenType != JsonTokenType.StartObject)
                return HookParseResult.Fail($"The body is JSON but not an object (it starts with {Describe(reader.TokenType)}); WCS sends one JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var error = ReadField(ref reader, name, fields, body);
                if (error is not null) (errors ??= []).Add(error);
            }
            // Reading past the object catches trailing garbage such as "{}x" or a second document.
            if (reader.Read()) return HookParseResult.Fail("The body has content after its JSON object.");
        }
        catch (JsonException ex)
        {
            return HookParseResult.Fail($"The body is not valid JSON: {ex.Message}");
        }
        return errors is null ? HookParseResult.Ok(fields) : HookParseResult.Fail(string.Join(" ", errors));
    }

    private static string? ReadField(ref Utf8JsonReader r, string name, HookFields f, ReadOnlySpan<byte> body)
    {
        switch (name)
        {
            case "nodeId": return Str(ref r, name, v => f.NodeId = v);
            case "appKey": return Str(ref r, name, v => f.AppKey = v);
            case "sessionId": return Str(ref r, name, v => f.SessionId = v);
            case "mediaSessionId": return Str(ref r, name, v => f.MediaSessionId = v);
            case "name": return Str(ref r, name, v => f.Name = v);
            case "status": return Str(ref r, name, v => f.Status = v);
            case "info": return Str(ref r, name, v => f.Info = v);
            case "mediaProvider": return Str(ref r, name, v => f.MediaProvider = v);
            case "audioCodec": return Str(ref r, name, v => f.AudioCodec = v);
            case "videoCodec": return Str(ref r, name, v => f.VideoCodec = v);
            case "origin": return Str(ref r, name, v => f.Origin = v);
            case "clientVersion": return Str(ref r, name, v => f.ClientVersion = v);
            case "clientOSVersion": return Str(ref r, name, v => f.ClientOsVersion = v);
            case "clientBrowserVersion": return Str(ref r, name, v => f.ClientBrowserVersion = v);
            case "published": return Bool(ref r, name, v => f.Published = v);
            case "hasAudio": return Bool(ref r, name, v => f.HasAudio = v);
            case "hasVideo": return Bool(ref r, name, v => f.HasVideo = v);
            case "record": return Bool(ref r, name, v => f.Record = v);
            case "keepAlive": return Bool(ref r, name, _ => { });
            case "width": return Int(ref r, name, v => f.Width = v);
            case "height": return Int(ref r, name, v => f.Height = v);
            case "quality": return Int(ref r, name, _ => { });
            case "bitrate":
                if (r.TokenType == JsonTokenType.Null) return null;
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out var bitrate)) return TypeError(name, "an integer", r.TokenType);
                f.Bitrate = bitrate;
                return null;
            case "mediaProviders":
                if (r.TokenType == JsonTokenType.Null) return null;
                if (r.TokenType != JsonTokenType.StartArray) return TypeError(name, "an array", r.TokenType);
                f.MediaProviders = RawValue(ref r, body);
                return null;
            case "custom":
                f.Custom = RawValue(ref r, body);
                f.Login = LoginOf(f.Custom);
                return null;
            default:
                r.Skip();
                return null;
        }
    }

    private static string? Str(ref Utf8JsonReader r, string name, Action<string?> set)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.String) { var e = TypeError(name, "a string", r.TokenType); r.Skip(); return e; }
        set(r.GetString());
        return null;
    }

    private static string? Bool(ref Utf8JsonReader r, string name, Action<bool> set)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType is JsonTokenType.True or JsonTokenType.False) { set(r.GetBoolean()); return null; }
        var e = TypeError(name, "true or false", r.TokenType);
        r.Skip();
        return e;
    }

    private static string? Int(ref Utf8JsonReader r, string name, Action<int> set)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var v)) { set(v); return null; }
        var e = TypeError(name, "an integer", r.TokenType);
        r.Skip();
        return e;
    }

    private static string RawValue(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
    {
        var start = (int)r.TokenStartIndex;
        r.Skip();
        var end = (int)r.BytesConsumed;
        return Encoding.UTF8.GetString(body[start..end]);
    }

    private static string? LoginOf(string customJson)
    {
        if (customJson.Length == 0 || customJson[0] != '{') return null;
        using var doc = JsonDocument.Parse(customJson);
        return doc.RootElement.TryGetProperty("login", out var login) && login.ValueKind == JsonValueKind.String ? login.GetString() : null;
    }

    private static string TypeError(string name, string expected, JsonTokenType got) =>
        $"Field '{name}' must be {expected}, got {Describe(got)}.";

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };
}

public sealed record HookParseResult(HookFields? Fields, string? Error)
{
    public static HookParseResult Ok(HookFields fields) => new(fields, null);
    public static HookParseResult Fail(string error) => new(null, error);
}
