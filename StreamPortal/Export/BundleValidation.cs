using System.Text.Json;
using StreamPortal.Api;

namespace StreamPortal.Export;

/// <summary>Strict checks of an uploaded bundle: the file is untrusted, so every field an import stores is bounded.</summary>
public static class BundleValidation
{
    /// <summary>Stricter than the API's defaults: unknown members, missing members and nulls where none belong are errors.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 64,
    };

    private const int MaxTextLength = 4096;

    public static void Check(EventBundle bundle, QueryErrors errors)
    {
        if (bundle.Format != EventBundle.FormatName) errors.Add("format", $"'{bundle.Format}' is not {EventBundle.FormatName}.");
        if (bundle.Version != EventBundle.CurrentVersion) errors.Add("version", $"Version {bundle.Version} is not supported; this portal reads version {EventBundle.CurrentVersion}.");
        if (string.IsNullOrWhiteSpace(bundle.Id) || bundle.Id.Length > 64) errors.Add("id", "The bundle id must be 1-64 characters.");
        if (bundle.Scope.Kind is not (BundleScope.Session or BundleScope.Stream)) errors.Add("scope.kind", $"'{bundle.Scope.Kind}' is not session or stream.");
        if (bundle.Events.Count == 0) errors.Add("events", "The bundle has no events.");
        if (bundle.Events.Count > BundleLimits.MaxEvents) errors.Add("events", $"{bundle.Events.Count} events; the limit is {BundleLimits.MaxEvents}.");
        var ids = new HashSet<long>();
        for (var i = 0; i < bundle.Events.Count && !errors.Any; i++) CheckEvent(bundle.Events[i], $"events[{i}]", ids, errors);
    }

    private static void CheckEvent(BundleEvent e, string at, HashSet<long> earlier, QueryErrors errors)
    {
        if (e.Id <= 0 || !earlier.Add(e.Id)) errors.Add(at + ".id", $"{e.Id} is not a positive id unique in the bundle.");
        if (e.ReplayOf is { } of && !earlier.Contains(of)) errors.Add(at + ".replayOf", $"{of} is not the id of an earlier event of the bundle.");
        Text(e.App, at + ".app", 200, required: true, errors);
        Text(e.Method, at + ".method", 200, required: true, errors);
        Text(e.RemoteAddress, at + ".remoteAddress", 200, required: false, errors);
        Text(e.RuleName, at + ".ruleName", MaxTextLength, required: false, errors);
        Text(e.RejectReason, at + ".rejectReason", MaxTextLength, required: false, errors);
        if (e.AnswerStatus is < 100 or > 599) errors.Add(at + ".answerStatus", $"{e.AnswerStatus} is not an HTTP status.");
        if (e.DelayMs < 0 || e.LatencyMs < 0 || double.IsNaN(e.LatencyMs) || double.IsInfinity(e.LatencyMs))
            errors.Add(at + ".latencyMs", "Delays and latencies are finite and not negative.");
        if ((e.Body?.Length ?? 0) > BundleLimits.MaxEventBodyBytes * 4 / 3 + 4 || (e.AnswerBody?.Length ?? 0) > BundleLimits.MaxEventBodyBytes)
            errors.Add(at + ".body", $"A body or answer is over {BundleLimits.MaxEventBodyBytes} bytes.");
        if (e.BodyEncoding is not (null or "base64")) errors.Add(at + ".bodyEncoding", $"'{e.BodyEncoding}' is not base64 or null.");
        else if (e.BodyEncoding is "base64" && !IsBase64(e.Body)) errors.Add(at + ".body", "The body is not base64.");
        if (e.Headers.Count > 100 || e.Headers.Any(h => h.Key.Length > 200 || h.Value.Length > MaxTextLength))
            errors.Add(at + ".headers", "At most 100 headers, names up to 200 and values up to 4096 characters.");
    }

    private static void Text(string? value, string field, int max, bool required, QueryErrors errors)
    {
        if (required && string.IsNullOrWhiteSpace(value)) errors.Add(field, "Required.");
        else if (value is not null && value.Length > max) errors.Add(field, $"Longer than {max} characters.");
    }

    private static bool IsBase64(string? text) =>
        text is not null && Convert.TryFromBase64String(text, new byte[text.Length * 3 / 4 + 3], out _);
}
