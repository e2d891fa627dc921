using System.ComponentModel;
using System.Text.Json;

namespace StreamPortal.Replay;

/// <summary>The body of the replay endpoints; every field optional.</summary>
public sealed record ReplayRequest(
    [property: Description("Hook base URL to send to (absolute http/https, e.g. http://backend/rest/my_api); the method is appended. Empty: this portal.")] string? Url = null,
    [property: Description("A JSON object sent instead of the stored body (single-event replay only).")] JsonElement? Body = null,
    [property: Description("original (the original gaps, each at most 10 s) or fast. Default original.")] string? Pace = null);

/// <summary>A validated replay request.</summary>
public sealed record ReplaySettings(Uri? Target, byte[]? Body, ReplayPace Pace);
