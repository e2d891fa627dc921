using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Auth;
using StreamPortal.Replay;

namespace StreamPortal.Api;

public static class ReplayApi
{
    private const string BodyDescription =
        "Optional: url (another hook base URL), body (an edited body, single events only), pace (original or fast).";

    /// <summary>
    /// POST /api/events/{id}/replay, /api/sessions/{sessionId}/replay, /api/streams/{mediaSessionId}/replay (admin):
    /// resend stored hooks; the answer lists each event's original answer beside the replay's.
    /// </summary>
    public static RouteGroupBuilder MapReplayApi(this RouteGroupBuilder api)
    {
        // POST routes: the catch-all GETs of sessions and streams do not compete; ids containing '/' cannot be replayed
        // from here (their events can, one by one).
        api.MapPost("/events/{id}/replay", ReplayEventAsync).WithTags("Events").RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<ReplayRequest>(BodyDescription);
        api.MapPost("/sessions/{sessionId}/replay", ReplaySessionAsync).WithTags("Sessions").RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<ReplayRequest>(BodyDescription);
        api.MapPost("/streams/{mediaSessionId}/replay", ReplayStreamAsync).WithTags("Streams").RequireAuthorization(PortalRoles.CanEdit)
            .WithJsonBody<ReplayRequest>(BodyDescription);
        return api;
    }

    public static async Task<Results<Ok<ReplayRun>, ValidationProblem, ProblemHttpResult>> ReplayEventAsync(
        string id, HttpRequest http, ReplayService replays, CancellationToken ct)
    {
        var (request, problem) = await JsonRequestBody.ReadOptionalAsync<ReplayRequest>(http, ct);
        if (problem is not null) return problem;
        var errors = new QueryErrors();
        if (!long.TryParse(id, out var eventId)) errors.Add("id", $"'{id}' is not an event id.");
        var settings = ReplayValidation.Validate(request, single: true, errors);
        if (settings is null || errors.Any) return Invalid(errors);
        return await replays.ReplayEventAsync(eventId, settings, ct) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem(statusCode: 404, title: "Event not found", detail: $"No event has id {eventId}.");
    }

    public static Task<Results<Ok<ReplayRun>, ValidationProblem, ProblemHttpResult>> ReplaySessionAsync(
        string sessionId, HttpRequest http, ReplayService replays, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(sessionId);
        return ReplayManyAsync(http, (s, c) => replays.ReplaySessionAsync(id, s, c), $"No event has sessionId '{id}'.", ct);
    }

    public static Task<Results<Ok<ReplayRun>, ValidationProblem, ProblemHttpResult>> ReplayStreamAsync(
        string mediaSessionId, HttpRequest http, ReplayService replays, CancellationToken ct)
    {
        var id = Uri.UnescapeDataString(mediaSessionId);
        return ReplayManyAsync(http, (s, c) => replays.ReplayStreamAsync(id, s, c), $"No event has mediaSessionId '{id}'.", ct);
    }

    private static async Task<Results<Ok<ReplayRun>, ValidationProblem, ProblemHttpResult>> ReplayManyAsync(
        HttpRequest http, Func<ReplaySettings, CancellationToken, Task<ReplayRun?>> replay, string notFound, CancellationToken ct)
    {
        var (request, problem) = await JsonRequestBody.ReadOptionalAsync<ReplayRequest>(http, ct);
        if (problem is not null) return problem;
        var errors = new QueryErrors();
        if (ReplayValidation.Validate(request, single: false, errors) is not { } settings) return Invalid(errors);
        try
        {
            return await replay(settings, ct) is { } run
                ? TypedResults.Ok(run)
                : TypedResults.Problem(statusCode: 404, title: "Nothing to replay", detail: notFound);
        }
        catch (ReplayTooLargeException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many events to replay", detail: ex.Message);
        }
    }

    private static ValidationProblem Invalid(QueryErrors errors) => TypedResults.ValidationProblem(errors.ToDictionary(), title: "Invalid replay request");
}
