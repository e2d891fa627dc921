using System.Text.Json;
using StreamPortal.Api;

namespace StreamPortal.Replay;

/// <summary>Checks a replay request, recording every problem (the URL, the body, the pace) at once.</summary>
public static class ReplayValidation
{
    /// <param name="single">Whether one event is replayed: only then may the body be edited.</param>
    public static ReplaySettings? Validate(ReplayRequest? request, bool single, QueryErrors errors)
    {
        request ??= new ReplayRequest();
        Uri? target = null;
        if (!string.IsNullOrWhiteSpace(request.Url))
        {
            if (Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && string.IsNullOrEmpty(uri.UserInfo))
                target = uri;
            else errors.Add("url", $"'{request.Url}' is not an absolute http or https URL without credentials (e.g. http://backend:8080/rest/my_api).");
        }

        var pace = ReplayPace.Original;
        if (!string.IsNullOrEmpty(request.Pace))
        {
            if (Enum.TryParse<ReplayPace>(request.Pace, ignoreCase: true, out var p) && Enum.IsDefined(p)) pace = p;
            else errors.Add("pace", $"'{request.Pace}' is not original or fast.");
        }

        byte[]? body = null;
        if (request.Body is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } edited)
        {
            // A session's hooks each have their own body: one edited body for all of them would make every hook the
            // same one, so an edit is refused there rather than guessed at.
            if (!single) errors.Add("body", "An edited body replays one event only: replay the event itself (POST /api/events/{id}/replay).");
            else if (edited.ValueKind != JsonValueKind.Object) errors.Add("body", $"The body must be a JSON object (WCS hooks are), not {edited.ValueKind.ToString().ToLowerInvariant()}.");
            else
            {
                body = JsonSerializer.SerializeToUtf8Bytes(edited);
                if (body.Length > ReplayLimits.MaxBodyBytes) errors.Add("body", $"The body has {body.Length} bytes; the limit is {ReplayLimits.MaxBodyBytes}.");
            }
        }
        return errors.Any ? null : new ReplaySettings(target, body, pace);
    }
}
