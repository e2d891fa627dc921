using StreamPortal.Components.Model;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Model;

public sealed class ConsoleUrlsTests
{
    [Fact]
    public void Default_states_are_the_plain_paths()
    {
        Assert.Equal("/events", ConsoleUrls.Events(new EventsState()));
        Assert.Equal("/streams", ConsoleUrls.Streams(new StreamsState()));
        Assert.Equal("/sessions", ConsoleUrls.Sessions(new SessionsState()));
    }

    [Fact]
    public void An_events_state_survives_the_round_trip_through_its_url()
    {
        var state = new EventsState
        {
            Method = "publishStream", Kind = HookKind.DirectCall, AppKey = "default App", Stream = "lecture&101", SessionId = "/192.168.1.102:4388/x",
            MediaSessionId = "m-1", Status = StreamStatus.Failed, AnswerStatus = 403, RuleId = 7, From = "2026-01-01T12:00", To = "2026-01-01T13:30",
            Q = "a=b?c#d", Page = 3,
        };
        var url = ConsoleUrls.Events(state);
        Assert.StartsWith("/events?method=publishStream&kind=DirectCall&appKey=default%20App&stream=lecture%26101", url);
        Assert.Equal(state, ConsoleUrls.ParseEvents("http://portal:5000" + url));
    }

    [Fact]
    public void A_streams_state_survives_the_round_trip_with_its_sort_and_role()
    {
        var state = new StreamsState
        {
            Name = "cam", Status = StreamStatus.Publishing, AppKey = "app", Published = false, NodeId = "node1", From = "2026-01-01T12:00",
            To = "2026-01-02T00:00", Sort = "name", Descending = false, Page = 2,
        };
        var url = ConsoleUrls.Streams(state);
        Assert.Contains("role=player", url);
        Assert.Contains("sort=name&order=asc", url);
        Assert.Equal(state, ConsoleUrls.ParseStreams(url));
        Assert.Equal(new StreamsState { Published = true }, ConsoleUrls.ParseStreams(ConsoleUrls.Streams(new StreamsState { Published = true })));
    }

    [Fact]
    public void A_sessions_state_survives_the_round_trip()
    {
        var state = new SessionsState
        {
            Status = SessionStatus.Established, AppKey = "app", Origin = "https://example.test", Login = "bob", Q = "chrome", Sort = "login",
            Descending = true, Page = 4,
        };
        Assert.Equal(state, ConsoleUrls.ParseSessions(ConsoleUrls.Sessions(state)));
    }

    [Fact]
    public void The_events_keys_are_the_apis_and_answer_is_read_as_answer_status()
    {
        Assert.Equal(new EventsState { Method = "publishStream", AnswerStatus = 403 }, ConsoleUrls.ParseEvents("/events?method=publishStream&answer=403"));
        Assert.Equal("/events?method=publishStream&answerStatus=403", ConsoleUrls.Events(new EventsState { Method = "publishStream", AnswerStatus = 403 }));
    }

    [Theory]
    [InlineData("/events?answerStatus=abc&ruleId=-1&kind=2&from=yesterday&page=zero")]
    [InlineData("/events?answerStatus=99999999999999999999&ruleId=0&kind=Nope&to=2026-13-45T99:99&page=-3")]
    [InlineData("/events?answerStatus=700&ruleId=1e3&kind=&page=0")]
    [InlineData("/events?%zz=%zz&answerStatus=%20&page=%")]
    [InlineData("/events?&&&==&answerStatus&page")]
    [InlineData("/events#page=5")]
    public void Invalid_events_values_are_ignored(string url) => Assert.Equal(new EventsState(), ConsoleUrls.ParseEvents(url));

    [Theory]
    [InlineData("page=2147483648", ConsoleUrls.MaxPage)]
    [InlineData("page=99999999999999999999999", ConsoleUrls.MaxPage)]
    [InlineData("page=5000000", ConsoleUrls.MaxPage)]
    [InlineData("page=0", 1)]
    [InlineData("page=-1", 1)]
    [InlineData("page=7&page=9", 7)]
    public void Pages_are_clamped(string query, int page) => Assert.Equal(page, ConsoleUrls.ParseStreams("/streams?" + query).Page);

    [Fact]
    public void Statuses_outside_the_wcs_vocabulary_and_unknown_sorts_are_ignored()
    {
        Assert.Equal(new StreamsState(), ConsoleUrls.ParseStreams("/streams?status=<script>&sort=password&order=sideways&role=admin"));
        Assert.Equal(new SessionsState(), ConsoleUrls.ParseSessions($"/sessions?status={StreamStatus.Publishing}&sort=drop%20table"));
        // The vocabulary's spelling wins over the link's.
        Assert.Equal(SessionStatus.Established, ConsoleUrls.ParseSessions("/sessions?status=established").Status);
        Assert.Equal("lastSeen", ConsoleUrls.ParseStreams("/streams?sort=LASTSEEN").Sort);
    }

    [Fact]
    public void Text_is_kept_as_text_and_an_absurdly_long_value_is_dropped()
    {
        var hostile = "<img src=x onerror=alert(1)>' OR 1=1 --";
        Assert.Equal(hostile, ConsoleUrls.ParseEvents(ConsoleUrls.Events(new EventsState { Stream = hostile })).Stream);
        Assert.Null(ConsoleUrls.ParseEvents("/events?stream=" + new string('x', ConsoleUrls.MaxText + 1)).Stream);
        Assert.Null(ConsoleUrls.ParseEvents("/events?stream=%20%20").Stream);
    }
}
