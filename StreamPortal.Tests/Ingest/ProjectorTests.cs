using StreamPortal.Data.Entities;
using StreamPortal.Ingest;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Ingest;

public sealed class ProjectorTests
{
    private static HookEvent Event(long id, long at) => new() { Id = id, ReceivedAtMs = at };

    [Fact]
    public void A_repeated_value_keeps_the_rows_string_and_a_new_value_replaces_it()
    {
        // New string instances, as the parser makes them for every hook.
        static string Copy(string s) => new(s.AsSpan());
        var row = new ClientSession();
        var first = new HookFields { SessionId = "s", NodeId = Copy("node-1"), Custom = Copy("""{"room":"a"}""") };
        Projector.ApplySession(row, true, first, Event(1, 1000), "ESTABLISHED", Copy("{}"), clientFields: true);
        var (node, custom, config) = (row.NodeId, row.Custom, row.RestClientConfig);

        Projector.ApplySession(row, false, new HookFields { SessionId = "s", NodeId = Copy("node-1"), Custom = Copy("""{"room":"b"}""") },
            Event(2, 2000), "ESTABLISHED", Copy("{}"), clientFields: true);

        Assert.Same(node, row.NodeId);
        Assert.Same(config, row.RestClientConfig);
        Assert.NotSame(custom, row.Custom);
        Assert.Equal("""{"room":"b"}""", row.Custom);
    }

    [Fact]
    public void A_stream_keeps_known_fields_counts_events_and_widens_its_time_span()
    {
        var row = new StreamInstance();
        Projector.ApplyStream(row, true, new HookFields { MediaSessionId = "m", Name = "n", Status = "PUBLISHING", Width = 640, Info = "first" }, Event(1, 2000));
        Projector.ApplyStream(row, false, new HookFields { MediaSessionId = "m", Status = "UNPUBLISHED", Info = "Stopped by user" }, Event(2, 1000));
        Projector.ApplyStream(row, false, new HookFields { MediaSessionId = "m", Status = "PUBLISHING", Info = "late", Height = 480 }, Event(3, 3000));

        Assert.Equal("m", row.MediaSessionId);
        Assert.Equal("n", row.Name);
        Assert.Equal("UNPUBLISHED", row.Status);
        Assert.Equal("Stopped by user", row.Info);
        Assert.Equal(640, row.Width);
        Assert.Equal(480, row.Height);
        Assert.Equal(3, row.EventCount);
        Assert.Equal(1000, row.FirstSeenMs);
        Assert.Equal(3000, row.LastSeenMs);
        Assert.Equal(3, row.LastEventId);
    }

    [Fact]
    public void A_session_takes_client_fields_only_from_connection_hooks_and_times_once()
    {
        var row = new ClientSession();
        Projector.ApplySession(row, true, new HookFields { SessionId = "s", Origin = "o", Login = "alice", Custom = "{\"login\":\"alice\"}" }, Event(1, 100), "CONNECTING", "{\"x\":{}}", clientFields: true);
        Projector.ApplySession(row, false, new HookFields { SessionId = "s" }, Event(2, 200), "ESTABLISHED", null, clientFields: true);
        Projector.ApplySession(row, false, new HookFields { SessionId = "s", Custom = "{\"title\":\"stream\"}" }, Event(3, 300), null, null, clientFields: false);
        Projector.ApplySession(row, false, new HookFields { SessionId = "s" }, Event(4, 400), "ESTABLISHED", null, clientFields: true);
        Projector.ApplySession(row, false, new HookFields { SessionId = "s" }, Event(5, 500), "DISCONNECTED", null, clientFields: true);

        Assert.Equal("DISCONNECTED", row.Status);
        Assert.Equal("{\"login\":\"alice\"}", row.Custom);
        Assert.Equal("alice", row.Login);
        Assert.Equal("{\"x\":{}}", row.RestClientConfig);
        Assert.Equal(200, row.ConnectedAtMs);
        Assert.Equal(500, row.DisconnectedAtMs);
        Assert.Equal(5, row.EventCount);
    }
}
