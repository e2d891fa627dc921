using Bunit;
using StreamPortal.Components.Pages;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Pages;

public sealed class SessionsPageTests : ConsoleBunitContext
{
    private static IReadOnlyList<string> Ids(IRenderedComponent<Sessions> cut) =>
        cut.FindAll("tr[data-session-id]").Select(r => r.GetAttribute("data-session-id")!).ToList();

    [Fact]
    public async Task Renders_sessions_with_status_origin_and_login()
    {
        await AddAsync(Session("a", "DISCONNECTED", "alice"), Session("b", "ESTABLISHED", "bob"));
        var cut = Render<Sessions>();
        cut.WaitForAssertion(() => Assert.Equal(["b", "a"], Ids(cut)));
        var bob = cut.Find("tr[data-session-id='b']").TextContent;
        Assert.Contains("ESTABLISHED", bob);
        Assert.Contains("bob", bob);
        Assert.Contains("https://example.test", bob);
    }

    [Fact]
    public async Task A_login_filter_narrows_the_query()
    {
        await AddAsync(Session("a", "ESTABLISHED", "alice"), Session("b", "ESTABLISHED", "bob"));
        var cut = Render<Sessions>();
        cut.WaitForAssertion(() => Assert.Equal(2, Ids(cut).Count));
        cut.Find("[data-testid=filter-login]").Change("alice");
        cut.WaitForAssertion(() => Assert.Equal(["a"], Ids(cut)));
    }

    [Fact]
    public async Task A_changed_session_on_the_feed_re_renders_the_grid()
    {
        await AddAsync(Session("a", "ESTABLISHED", "alice"));
        var cut = Render<Sessions>();
        cut.WaitForAssertion(() => Assert.Single(Ids(cut)));
        await AddAsync(Session("b", "ESTABLISHED", "bob"));
        Publish([], sessionIds: ["b"]);
        cut.WaitForAssertion(() => Assert.Equal(["b", "a"], Ids(cut)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_session_page_accepts_an_encoded_id_with_slashes_and_shows_streams_events_and_rest_client_config()
    {
        const string id = "/192.168.1.102:4388/192.168.1.101:8443";
        var session = Session(id, "ESTABLISHED", "carol");
        session.RestClientConfig = "{\"publishStream\":{\"restOnError\":\"FAIL\"}}";
        await AddAsync(session, Stream("m1", "cam", "PUBLISHING", sessionId: id));
        await AddEventsAsync(Hook("connect", sessionId: id), Hook("publishStream", "cam", id, "m1", "PENDING"));

        var cut = Render<SessionDetails>(p => p.Add(x => x.SessionId, Uri.EscapeDataString(id)));
        cut.WaitForAssertion(() => Assert.Equal(id, cut.Find("[data-testid=session-id]").TextContent.Trim()));
        Assert.Contains("\"restOnError\": \"FAIL\"", cut.Find("[data-testid=session-rest-client-config]").TextContent);
        Assert.Equal("m1", cut.Find("[data-testid=session-streams] tr[data-stream-id]").GetAttribute("data-stream-id"));
        Assert.Equal(2, cut.FindAll("[data-testid=session-timeline] tr[data-event-id]").Count);

        var more = await AddEventsAsync(Hook("ConnectionStatusEvent", sessionId: id, status: "DISCONNECTED"));
        Publish(more, sessionIds: [id]);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=session-timeline] tr[data-event-id]").Count), TimeSpan.FromSeconds(5));
    }
}
