using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using StreamPortal.Data.Queries;
using StreamPortal.Wcs;

namespace StreamPortal.Components.Model;

/// <summary>
/// The one place that writes a list page's state into its URL and reads it back (Aspire's DashboardUrls), so that a
/// filtered view is a link and Back returns to the previous filter. Parsing never throws: a value that is not valid
/// (unknown status, text that is no number, an absurd page) is dropped or clamped, and the page shows the rest.
/// Defaults are left out of the URL, so the plain page is the plain path.
/// </summary>
public static class ConsoleUrls
{
    public const string EventsPath = "/events";
    public const string StreamsPath = "/streams";
    public const string SessionsPath = "/sessions";

    /// <summary>Longer filter text than this is no filter anyone typed; it is ignored.</summary>
    public const int MaxText = 256;

    /// <summary>Pages beyond this are clamped (the offset must stay far from overflow); the list then goes to its last page.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Query-string keys; the Events ones are the same as <c>/api/events</c>'s, so a URL can be checked against the API.</summary>
    public static class Keys
    {
        public const string Method = "method";
        public const string Kind = "kind";
        public const string AppKey = "appKey";
        public const string Stream = "stream";
        public const string SessionId = "sessionId";
        public const string MediaSessionId = "mediaSessionId";
        public const string Status = "status";
        public const string AnswerStatus = "answerStatus";
        /// <summary>A group of answers (non200, 4xx, 5xx, rejected); a number here is read as <see cref="AnswerStatus"/>.</summary>
        public const string Answer = "answer";
        /// <summary>show or hide (the console's default is hide, so only show is written).</summary>
        public const string KeepAlives = "keepAlives";
        public const string Duplicates = "duplicates";
        /// <summary>The Events page is paused (console only).</summary>
        public const string Paused = "paused";
        /// <summary>The id of the hook whose details drawer is open (console only).</summary>
        public const string Event = "event";
        public const string RuleId = "ruleId";
        public const string From = "from";
        public const string To = "to";
        public const string Q = "q";
        public const string Name = "name";
        public const string Role = "role";
        public const string Node = "node";
        public const string Origin = "origin";
        public const string Login = "login";
        public const string Sort = "sort";
        public const string Order = "order";
        public const string Page = "page";
    }

    private const string Publisher = "publisher", Player = "player", Ascending = "asc", Descending = "desc";

    /// <param name="view">Pause and the open drawer: not filters (they change no rows), but kept in the URL so that a
    /// reload or a reconnect to a new circuit comes back to the same view.</param>
    public static string Events(EventsState s, EventsView? view = null) => Build(EventsPath,
    [
        (Keys.Method, s.Method), (Keys.Kind, s.Kind?.ToString()), (Keys.AppKey, s.AppKey), (Keys.Stream, s.Stream),
        (Keys.SessionId, s.SessionId), (Keys.MediaSessionId, s.MediaSessionId), (Keys.Status, s.Status),
        (Keys.AnswerStatus, s.AnswerStatus?.ToString()), (Keys.Answer, s.Answer is { } a ? AnswerClasses.Name(a) : null),
        (Keys.KeepAlives, s.ShowKeepAlives ? KeepAliveChoice.Show : null),
        (Keys.Duplicates, s.Duplicates == DuplicateChoice.Show ? null : DuplicateChoices.Text(s.Duplicates)),
        (Keys.RuleId, s.RuleId?.ToString()), (Keys.From, s.From), (Keys.To, s.To),
        (Keys.Q, s.Q), (Keys.Page, PageText(s.Page)),
        (Keys.Paused, view is { Paused: true } ? "1" : null), (Keys.Event, view?.EventId?.ToString()),
    ]);

    /// <summary>The link that opens one hook's details over the Events list it belongs to.</summary>
    public static string Event(long id, EventsState? list = null) => Events(list ?? new EventsState(), new EventsView(EventId: id));

    public static EventsView ParseEventsView(string url)
    {
        var q = Query(url);
        return new EventsView(First(q, Keys.Paused) is "1" or "true", Id(q, Keys.Event));
    }

    public static EventsState ParseEvents(string url)
    {
        var q = Query(url);
        return new EventsState
        {
            Method = Text(q, Keys.Method), Kind = Kind(q), AppKey = Text(q, Keys.AppKey), Stream = Text(q, Keys.Stream),
            SessionId = Text(q, Keys.SessionId), MediaSessionId = Text(q, Keys.MediaSessionId), Status = Text(q, Keys.Status),
            AnswerStatus = Int(q, Keys.AnswerStatus, 100, 599) ?? Int(q, Keys.Answer, 100, 599),
            Answer = AnswerClasses.Parse(First(q, Keys.Answer)), ShowKeepAlives = KeepAliveChoice.Parse(First(q, Keys.KeepAlives)) == false,
            RuleId = Id(q, Keys.RuleId), Duplicates = DuplicateChoices.Parse(First(q, Keys.Duplicates)) ?? DuplicateChoice.Show,
            From = Time(q, Keys.From), To = Time(q, Keys.To), Q = Text(q, Keys.Q), Page = Page(q),
        };
    }

    public static string Streams(StreamsState s) => Build(StreamsPath,
    [
        (Keys.Name, s.Name), (Keys.Status, s.Status), (Keys.AppKey, s.AppKey),
        (Keys.Role, s.Published switch { true => Publisher, false => Player, null => null }), (Keys.Node, s.NodeId),
        (Keys.From, s.From), (Keys.To, s.To), .. SortPairs(s.Sort, s.Descending, StreamsState.DefaultSort), (Keys.Page, PageText(s.Page)),
    ]);

    public static StreamsState ParseStreams(string url)
    {
        var q = Query(url);
        var (sort, descending) = Sort(q, StreamsState.SortColumns, StreamsState.DefaultSort);
        return new StreamsState
        {
            Name = Text(q, Keys.Name), Status = OneOf(q, Keys.Status, StreamStatus.All), AppKey = Text(q, Keys.AppKey),
            Published = First(q, Keys.Role) switch { Publisher => true, Player => false, _ => null }, NodeId = Text(q, Keys.Node),
            From = Time(q, Keys.From), To = Time(q, Keys.To), Sort = sort, Descending = descending, Page = Page(q),
        };
    }

    public static string Sessions(SessionsState s) => Build(SessionsPath,
    [
        (Keys.Status, s.Status), (Keys.AppKey, s.AppKey), (Keys.Origin, s.Origin), (Keys.Login, s.Login), (Keys.Q, s.Q),
        .. SortPairs(s.Sort, s.Descending, SessionsState.DefaultSort), (Keys.Page, PageText(s.Page)),
    ]);

    public static SessionsState ParseSessions(string url)
    {
        var q = Query(url);
        var (sort, descending) = Sort(q, SessionsState.SortColumns, SessionsState.DefaultSort);
        return new SessionsState
        {
            Status = OneOf(q, Keys.Status, SessionStatus.All), AppKey = Text(q, Keys.AppKey), Origin = Text(q, Keys.Origin),
            Login = Text(q, Keys.Login), Q = Text(q, Keys.Q), Sort = sort, Descending = descending, Page = Page(q),
        };
    }

    public static TimelineView ParseTimeline(string url)
    {
        var q = Query(url);
        return new TimelineView(Page(q), KeepAliveChoice.Parse(First(q, Keys.KeepAlives)) == false, Id(q, Keys.Event));
    }

    /// <summary>A detail page's URL with its timeline's view in the query (defaults left out), the path kept as it is.</summary>
    public static string WithTimeline(string url, TimelineView view)
    {
        var cut = url.IndexOfAny(['?', '#']);
        var path = cut < 0 ? url : url[..cut];
        return Build(path,
        [
            (Keys.Page, PageText(view.Page)), (Keys.KeepAlives, view.ShowKeepAlives ? KeepAliveChoice.Show : null),
            (Keys.Event, view.EventId?.ToString()),
        ]);
    }

    private static string Build(string path, IEnumerable<(string Key, string? Value)> pairs) =>
        QueryHelpers.AddQueryString(path, pairs
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value!.Trim())));

    private static string? PageText(int page) => page > 1 ? page.ToString() : null;

    private static (string, string?)[] SortPairs(string sort, bool descending, string defaultSort) =>
        sort == defaultSort && descending ? [] : [(Keys.Sort, sort), (Keys.Order, descending ? Descending : Ascending)];

    private static Dictionary<string, StringValues> Query(string url)
    {
        var start = url.IndexOf('?');
        if (start < 0) return [];
        var end = url.IndexOf('#', start);
        var query = end < 0 ? url[start..] : url[start..end];
        return QueryHelpers.ParseQuery(query);
    }

    /// <summary>The first value of a key (a repeated key is someone else's URL: the first wins).</summary>
    private static string? First(Dictionary<string, StringValues> q, string key) =>
        q.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    private static string? Text(Dictionary<string, StringValues> q, string key) =>
        FilterText.Blank(First(q, key)) is { Length: <= MaxText } text ? text : null;

    private static string? OneOf(Dictionary<string, StringValues> q, string key, IReadOnlyList<string> allowed) =>
        Text(q, key) is { } raw ? allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase)) : null;

    private static int? Int(Dictionary<string, StringValues> q, string key, int min, int max) =>
        int.TryParse(First(q, key), System.Globalization.NumberStyles.None, null, out var v) && v >= min && v <= max ? v : null;

    private static long? Id(Dictionary<string, StringValues> q, string key) =>
        long.TryParse(First(q, key), System.Globalization.NumberStyles.None, null, out var v) && v > 0 ? v : null;

    private static int Page(Dictionary<string, StringValues> q)
    {
        var raw = First(q, Keys.Page);
        if (int.TryParse(raw, System.Globalization.NumberStyles.None, null, out var page)) return Math.Clamp(page, 1, MaxPage);
        // All digits but too long for an int: a huge page, clamped like any other.
        return raw is { Length: > 0 } && raw.All(char.IsAsciiDigit) ? MaxPage : 1;
    }

    private static string? Time(Dictionary<string, StringValues> q, string key) =>
        Text(q, key) is { } raw && FilterText.UtcMs(raw) is not null ? raw : null;

    /// <summary>By name only: numbers would turn any digit into a kind.</summary>
    private static HookKind? Kind(Dictionary<string, StringValues> q) =>
        Text(q, Keys.Kind) is { } raw && raw.All(char.IsAsciiLetter) && Enum.TryParse<HookKind>(raw, ignoreCase: true, out var kind) ? kind : null;

    private static (string Sort, bool Descending) Sort(Dictionary<string, StringValues> q, IReadOnlyList<string> columns, string defaultSort)
    {
        var sort = OneOf(q, Keys.Sort, columns) ?? defaultSort;
        var descending = First(q, Keys.Order)?.ToLowerInvariant() switch { Ascending => false, _ => true };
        return (sort, descending);
    }
}
