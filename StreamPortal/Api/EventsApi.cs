using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Data.Queries;

namespace StreamPortal.Api;

/// <summary>The answer of GET /api/events/count.</summary>
public sealed record EventCount(int Count);

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");
        group.MapGet("/", ListAsync);
        group.MapGet("/count", CountAsync);
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<PagedResult<EventItem>>, ValidationProblem>> ListAsync(
        [AsParameters] EventListRequest request, EventQueries queries, CancellationToken ct)
    {
        var errors = new QueryErrors();
        var page = errors.Page(request.Page);
        var pageSize = errors.PageSize(request.PageSize);
        if (request.ToFilter(errors) is not { } filter) return errors.Problem();
        return TypedResults.Ok(await queries.ListAsync(filter, page, pageSize, ct));
    }

    /// <summary>
    /// The exact number of events a filter matches (the list counts up to <see cref="ListCount.Cap"/>): for a
    /// script that checks every hook was stored. It reads every match, so it grows with the table.
    /// </summary>
    public static async Task<Results<Ok<EventCount>, ValidationProblem>> CountAsync(
        [AsParameters] EventListRequest request, EventQueries queries, CancellationToken ct)
    {
        var errors = new QueryErrors();
        if (request.ToFilter(errors) is not { } filter) return errors.Problem();
        return TypedResults.Ok(new EventCount(await queries.CountAsync(filter, ct)));
    }

    public static async Task<Results<Ok<EventDetail>, ProblemHttpResult>> GetAsync(string id, EventQueries queries, CancellationToken ct)
    {
        if (!long.TryParse(id, out var eventId))
            return TypedResults.Problem(statusCode: 400, title: "Invalid event id", detail: $"'{id}' is not an event id.");
        return await queries.GetAsync(eventId, ct) is { } e
            ? TypedResults.Ok(e)
            : TypedResults.Problem(statusCode: 404, title: "Event not found", detail: $"No event has id {eventId}.");
    }
}
