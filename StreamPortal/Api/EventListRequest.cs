using System.ComponentModel;
using StreamPortal.Data.Queries;
using StreamPortal.Wcs;

namespace StreamPortal.Api;

/// <summary>
/// The query of <c>GET /api/events</c> and of everything that takes the same filters (export, counts): bound as
/// strings so that a bad value gets this API's problem answer naming every wrong field, not a bare binding 400.
/// </summary>
public sealed record EventListRequest(
    [property: Description("Exact WCS method name, e.g. publishStream.")] string? Method = null,
    [property: Description("Hook kind: connect, directCall, event, incoming or unknown.")] string? Kind = null,
    [property: Description("Exact appKey.")] string? AppKey = null,
    [property: Description("Exact stream name.")] string? Stream = null,
    [property: Description("Exact WCS sessionId.")] string? SessionId = null,
    [property: Description("Exact mediaSessionId of a stream instance.")] string? MediaSessionId = null,
    [property: Description("Exact WCS status carried by the hook, e.g. PUBLISHING.")] string? Status = null,
    [property: Description("HTTP status the portal answered, 100-599.")] string? AnswerStatus = null,
    [property: Description("A group of answers: non200, 4xx, 5xx or rejected (bodies refused as bad input).")] string? Answer = null,
    [property: Description("hide: leave out StreamKeepAliveEvent hooks; show (default): include them.")] string? KeepAlives = null,
    [property: Description("Id of the rule that shaped the answer.")] string? RuleId = null,
    [property: Description("show (default): every event; hide: leave out re-sent copies (duplicateOf set); only: just those.")] string? Duplicates = null,
    [property: Description("true: only bodies refused as bad input; false: only accepted ones.")] string? Rejected = null,
    [property: Description("Exact name of the cluster instance that answered the hook (StreamPortal:Cluster:InstanceName).")] string? Instance = null,
    [property: Description("Free text over method, stream, session and body.")] string? Q = null,
    [property: Description("Received at or after this ISO 8601 time.")] string? From = null,
    [property: Description("Received before this ISO 8601 time.")] string? To = null,
    [property: Description("Page number, from 1.")] string? Page = null,
    [property: Description("Rows per page, 1-500 (default 50).")] string? PageSize = null)
{
    private static readonly string KindNames = string.Join(", ",
        Enum.GetNames<HookKind>().Order(StringComparer.Ordinal).Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    private const int MaxInstance = 253;

    /// <summary>The filter this query asks for, or null with every problem recorded in <paramref name="errors"/>.</summary>
    public EventFilter? ToFilter(QueryErrors errors)
    {
        HookKind? kind = null;
        if (Kind is { Length: > 0 } rawKind)
        {
            if (Enum.TryParse<HookKind>(rawKind, ignoreCase: true, out var k) && Enum.IsDefined(k)) kind = k;
            else errors.Add("kind", $"'{rawKind}' is not one of {KindNames}.");
        }
        long? ruleId = null;
        if (RuleId is { Length: > 0 } rawRule)
        {
            if (long.TryParse(rawRule, out var r)) ruleId = r;
            else errors.Add("ruleId", $"'{rawRule}' is not a rule id.");
        }
        AnswerClass? answer = null;
        if (Answer is { Length: > 0 } rawAnswer)
        {
            answer = AnswerClasses.Parse(rawAnswer);
            if (answer is null) errors.Add("answer", $"'{rawAnswer}' is not one of {string.Join(", ", AnswerClasses.Names)}.");
        }
        var hideKeepAlives = KeepAliveChoice.Parse(KeepAlives);
        if (hideKeepAlives is null && KeepAlives is { Length: > 0 })
            errors.Add("keepAlives", $"'{KeepAlives}' is not {KeepAliveChoice.Hide} or {KeepAliveChoice.Show}.");
        var duplicates = DuplicateChoices.Parse(Duplicates);
        if (duplicates is null && Duplicates is { Length: > 0 })
            errors.Add("duplicates", $"'{Duplicates}' is not {DuplicateChoices.Show}, {DuplicateChoices.Hide} or {DuplicateChoices.Only}.");
        // A host name (the default instance name) may be longer than a configured name: up to 253 characters.
        if (Instance is { Length: > MaxInstance })
            errors.Add("instance", $"An instance name has at most {MaxInstance} characters.");
        var filter = new EventFilter
        {
            Method = Method,
            Kind = kind,
            AppKey = AppKey,
            Stream = Stream,
            SessionId = SessionId,
            MediaSessionId = MediaSessionId,
            Status = Status,
            AnswerStatus = errors.Int("answerStatus", AnswerStatus, 100, 599),
            Answer = answer,
            HideKeepAlives = hideKeepAlives ?? false,
            Duplicates = duplicates ?? DuplicateChoice.Show,
            Instance = Instance,
            RuleId = ruleId,
            Rejected = errors.Bool("rejected", Rejected),
            Q = Q,
            FromMs = errors.Time("from", From),
            ToMs = errors.Time("to", To),
        };
        return errors.Any ? null : filter;
    }
}
