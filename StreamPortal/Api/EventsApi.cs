using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Data.Queries;
using StreamPortal.Wcs;

namespace StreamPortal.Api;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        return api;
    }

    public static async Task<IResult> ListAsync(HttpRequest request, EventQueries queries, CancellationToken ct)
    {
        var q = request.Query;
        var errors = new QueryErrors();
        var page = errors.Page(q["page"]);
        var pageSize = errors.PageSize(q["pageSize"]);
        HookKind? kind = null;
        if (q["kind"].ToString() is { Length: > 0 } rawKind)
        {
            if (Enum.TryParse<HookKind>(rawKind, ignoreCase: true, out var k) && Enum.IsDefined(k)) kind = k;
            else errors.Add("kind", $"'{rawKind}' is not one of connect, directCall, event, incoming, unknown.");
        }
        long? ruleId = null;
        if (q["ruleId"].ToString() is { Length: > 0 } rawRule)
        {
            if (long.TryParse(rawRule, out var r)) ruleId = r;
            else errors.Add("ruleId", $"'{rawRule}' is not a rule id.");
        }
        var filter = new EventFilter
        {
            Method = q["method"],
            Kind = kind,
            AppKey = q["appKey"],
            Stream = q["stream"],
            SessionId = q["sessionId"],
            MediaSessionId = q["mediaSessionId"],
            Status = q["status"],
            AnswerStatus = errors.Int("answerStatus", q["answerStatus"], 100, 599),
            RuleId = ruleId,
            Rejected = errors.Bool("rejected", q["rejected"]),
            Q = q["q"],
            FromMs = errors.Time("from", q["from"]),
            ToMs = errors.Time("to", q["to"]),
        };
        if (errors.Any) return errors.Problem();
        return TypedResults.Ok(await queries.ListAsync(filter, page, pageSize, ct));
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
