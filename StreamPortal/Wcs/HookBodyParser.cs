using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace StreamPortal.Wcs;

/// <summary>
/// One forward pass over the body with Utf8JsonReader: checks it is one JSON object, that known fields have
/// WCS's types, and lifts the projected fields. No DOM is built, so a 4 KB SDP costs a skip, not a copy.
/// </summary>
public static class HookBodyParser
{
    public static HookParseResult Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return HookParseResult.Fail("The body is empty; WCS always sends one JSON object.");
        // JSON text must be UTF-8 (RFC 8259): Utf8JsonReader does not check the bytes inside strings it skips, and
        // a body with invalid bytes must not be mirrored back as if it were JSON.
        if (!Utf8.IsValid(body)) return HookParseResult.Fail(InvalidUtf8(body));
        // Only bodies with escapes pay for the second pass (WCS's own bodies have none).
        if (body.IndexOf("\\u"u8) >= 0 && LoneSurrogate(body) is { } where)
            return HookParseResult.Fail($"{where} holds an escape that is no text (a lone UTF-16 surrogate such as \\ud800); JSON strings must be valid Unicode.");
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
                var field = FieldOf(ref reader);
                reader.Read();
                ReadField(ref reader, field, fields, body, ref errors);
            }
            // Reading past the object catches trailing garbage such as "{}x" or a second document.
            if (reader.Read()) return HookParseResult.Fail("The body has content after its JSON object.");
        }
        catch (JsonException ex)
        {
            return HookParseResult.Fail($"The body is not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // A "\ud800" escape in a property name is valid JSON syntax but no text: GetString refuses it.
            return HookParseResult.Fail($"The body is not valid JSON text: {ex.Message}");
        }
        return errors is null ? HookParseResult.Ok(fields) : HookParseResult.Fail(string.Join(" ", errors));
    }

    /// <summary>The fields the portal reads; everything else is skipped (and kept in the raw body).</summary>
    private enum Field
    {
        Other, NodeId, AppKey, SessionId, MediaSessionId, Name, Status, Info, MediaProvider, AudioCodec, VideoCodec, Origin,
        ClientVersion, ClientOsVersion, ClientBrowserVersion, Published, HasAudio, HasVideo, Record, KeepAlive, Width,
        Height, Quality, Bitrate, MediaProviders, Custom,
    }

    private static readonly string[] Names =
    [
        "", "nodeId", "appKey", "sessionId", "mediaSessionId", "name", "status", "info", "mediaProvider", "audioCodec",
        "videoCodec", "origin", "clientVersion", "clientOSVersion", "clientBrowserVersion", "published", "hasAudio",
        "hasVideo", "record", "keepAlive", "width", "height", "quality", "bitrate", "mediaProviders", "custom",
    ];

    private static readonly FrozenDictionary<string, Field>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Names.Select((name, i) => KeyValuePair.Create(name, (Field)i)).Where(p => p.Key.Length > 0)
            .ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Looks the property name up without allocating a string for it (hooks have ~30 properties).</summary>
    private static Field FieldOf(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped) return ByName.TryGetValue(r.GetString(), out var escaped) ? escaped : Field.Other;
        var name = r.ValueSpan;
        if (name.Length > 32) return Field.Other;
        Span<char> chars = stackalloc char[32];
        var count = Encoding.UTF8.GetChars(name, chars);
        return ByName.TryGetValue(chars[..count], out var field) ? field : Field.Other;
    }

    private static void ReadField(ref Utf8JsonReader r, Field field, HookFields f, ReadOnlySpan<byte> body, ref List<string>? errors)
    {
        var name = Names[(int)field];
        switch (field)
        {
            case Field.NodeId: f.NodeId = Repeated(ref r, name, ref errors); break;
            case Field.AppKey: f.AppKey = Repeated(ref r, name, ref errors); break;
            case Field.SessionId: f.SessionId = Str(ref r, name, ref errors); break;
            case Field.MediaSessionId: f.MediaSessionId = Str(ref r, name, ref errors); break;
            case Field.Name: f.Name = Str(ref r, name, ref errors); break;
            case Field.Status: f.Status = Repeated(ref r, name, ref errors); break;
            case Field.Info: f.Info = Repeated(ref r, name, ref errors); break;
            case Field.MediaProvider: f.MediaProvider = Repeated(ref r, name, ref errors); break;
            case Field.AudioCodec: f.AudioCodec = Repeated(ref r, name, ref errors); break;
            case Field.VideoCodec: f.VideoCodec = Repeated(ref r, name, ref errors); break;
            case Field.Origin: f.Origin = Repeated(ref r, name, ref errors); break;
            case Field.ClientVersion: f.ClientVersion = Repeated(ref r, name, ref errors); break;
            case Field.ClientOsVersion: f.ClientOsVersion = Repeated(ref r, name, ref errors); break;
            case Field.ClientBrowserVersion: f.ClientBrowserVersion = Repeated(ref r, name, ref errors); break;
            case Field.Published: f.Published = Bool(ref r, name, ref errors); break;
            case Field.HasAudio: f.HasAudio = Bool(ref r, name, ref errors); break;
            case Field.HasVideo: f.HasVideo = Bool(ref r, name, ref errors); break;
            case Field.Record: f.Record = Bool(ref r, name, ref errors); break;
            case Field.KeepAlive: Bool(ref r, name, ref errors); break;
            case Field.Width: f.Width = Int(ref r, name, ref errors); break;
            case Field.Height: f.Height = Int(ref r, name, ref errors); break;
            case Field.Quality: Int(ref r, name, ref errors); break;
            case Field.Bitrate:
                if (r.TokenType == JsonTokenType.Null) break;
                if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var bitrate)) f.Bitrate = bitrate;
                else Error(ref r, name, "an integer", ref errors);
                break;
            case Field.MediaProviders:
                if (r.TokenType == JsonTokenType.Null) break;
                if (r.TokenType != JsonTokenType.StartArray) Error(ref r, name, "an array", ref errors);
                else f.MediaProviders = RawValue(ref r, body, repeated: true);
                break;
            case Field.Custom:
                var customStart = (int)r.TokenStartIndex;
                f.Custom = RawValue(ref r, body);
                f.Login = LoginOf(body[customStart..(int)r.BytesConsumed]);
                break;
            default:
                r.Skip();
                break;
        }
    }

    private static string? Str(ref Utf8JsonReader r, string name, ref List<string>? errors)
    {
        if (r.TokenType == JsonTokenType.String) return r.GetString();
        if (r.TokenType != JsonTokenType.Null) Error(ref r, name, "a string", ref errors);
        return null;
    }

    /// <summary><see cref="Str"/> for a field whose values repeat across hooks (<see cref="RepeatedStrings"/>).</summary>
    private static string? Repeated(ref Utf8JsonReader r, string name, ref List<string>? errors) =>
        r.TokenType == JsonTokenType.String && !r.ValueIsEscaped ? RepeatedStrings.Fields.Get(r.ValueSpan) : Str(ref r, name, ref errors);

    private static bool? Bool(ref Utf8JsonReader r, string name, ref List<string>? errors)
    {
        if (r.TokenType is JsonTokenType.True or JsonTokenType.False) return r.GetBoolean();
        if (r.TokenType != JsonTokenType.Null) Error(ref r, name, "true or false", ref errors);
        return null;
    }

    private static int? Int(ref Utf8JsonReader r, string name, ref List<string>? errors)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var v)) return v;
        if (r.TokenType != JsonTokenType.Null) Error(ref r, name, "an integer", ref errors);
        return null;
    }

    private static void Error(ref Utf8JsonReader r, string name, string expected, ref List<string>? errors)
    {
        (errors ??= []).Add(TypeError(name, expected, r.TokenType));
        r.Skip();
    }

    private static string RawValue(ref Utf8JsonReader r, ReadOnlySpan<byte> body, bool repeated = false)
    {
        var start = (int)r.TokenStartIndex;
        r.Skip();
        var end = (int)r.BytesConsumed;
        return repeated ? RepeatedStrings.Fields.Get(body[start..end]) : Encoding.UTF8.GetString(body[start..end]);
    }

    /// <summary>custom.login, read from the custom value's own bytes (already validated by the outer pass).</summary>
    private static string? LoginOf(ReadOnlySpan<byte> custom)
    {
        var r = new Utf8JsonReader(custom);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
        string? login = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var isLogin = r.ValueTextEquals("login"u8);
            r.Read();
            // Like a JSON object lookup, the last duplicate wins.
            if (isLogin) login = r.TokenType == JsonTokenType.String ? r.GetString() : null;
            r.Skip();
        }
        return login;
    }

    /// <summary>
    /// Where a string or property name escapes a lone surrogate: valid JSON syntax, but no text, so neither the
    /// projection nor a rule condition could read it (GetString throws).
    /// </summary>
    private static string? LoneSurrogate(ReadOnlySpan<byte> body)
    {
        var r = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        string? property = null;
        try
        {
            while (r.Read())
            {
                if (r.TokenType == JsonTokenType.PropertyName)
                {
                    try { property = r.GetString(); }
                    catch (InvalidOperationException) { return "A property name"; }
                }
                else if (r.TokenType == JsonTokenType.String && r.ValueIsEscaped)
                {
                    try { r.GetString(); }
                    catch (InvalidOperationException) { return property is null ? "A string" : $"Field '{property}'"; }
                }
            }
        }
        // Syntax errors are the main pass's to report, with its message.
        catch (JsonException) { }
        return null;
    }

    private static string InvalidUtf8(ReadOnlySpan<byte> body)
    {
        Utf8.ToUtf16(body, new char[body.Length], out var valid, out _, replaceInvalidSequences: false);
        return $"The body is not valid UTF-8 (the first invalid byte is at offset {valid}, 0x{body[valid]:X2}); JSON must be UTF-8.";
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
