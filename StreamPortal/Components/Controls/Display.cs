using System.Text.Json;
using MudBlazor;
using StreamPortal.Wcs;

namespace StreamPortal.Components.Controls;

/// <summary>How the console shows times, answers and JSON; all text is rendered escaped by Razor.</summary>
public static class Display
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff");
    public static string Time(DateTimeOffset? t) => t is { } v ? Time(v) : "";
    public static string ShortTime(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss.fff");

    public static Color AnswerColor(int status) => status switch
    {
        200 => Color.Success,
        >= 500 => Color.Error,
        >= 400 => Color.Warning,
        _ => Color.Info,
    };

    public static Color StatusColor(string? status) => status switch
    {
        StreamStatus.Publishing or StreamStatus.Playing or SessionStatus.Established => Color.Success,
        StreamStatus.Failed or SessionStatus.Refused => Color.Error,
        StreamStatus.Unpublished or StreamStatus.Stopped or SessionStatus.Disconnected => Color.Default,
        StreamStatus.Pending or SessionStatus.Connecting => Color.Info,
        _ => Color.Default,
    };

    public static string Json(JsonElement? element, string? raw = null) =>
        element is { } e ? JsonSerializer.Serialize(e, Indented) : raw ?? "";

    public static string Ms(double ms) => ms < 10 ? ms.ToString("0.00") : ms.ToString("0");

    public static string SessionHref(string sessionId) => "/sessions/" + Uri.EscapeDataString(sessionId);
    public static string StreamHref(string mediaSessionId) => "/streams/" + Uri.EscapeDataString(mediaSessionId);

    public static string Short(string? id, int length = 12) =>
        id is null ? "" : id.Length <= length ? id : id[..length] + "…";
}
