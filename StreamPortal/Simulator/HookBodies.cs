using System.Text.Json.Nodes;
using StreamPortal.Wcs;

namespace StreamPortal.Simulator;

/// <summary>
/// Hook bodies in the shapes WCS sends (field names, order and values as in fixtures/wcs-lifecycle/): the client's
/// description on connection hooks, the request form on publishStream/playStream, the long status form on stream
/// events, the short form on unPublishStream/stopStream, and the five fields of a declined session's events.
/// </summary>
public sealed class HookBodies(string nodeId)
{
    private const string Origin = "https://sim.example";
    private const string Sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n"
        + "m=video 9 UDP/TLS/RTP/SAVPF 102\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=rtpmap:102 H264/90000\r\n";

    /// <summary>connect, and ConnectionStatusEvent ESTABLISHED/DISCONNECTED of an accepted session (status given).</summary>
    public JsonObject Connection(PlannedSession session, string? status = null)
    {
        var body = Origin3(session.SessionId);
        body["useWsTunnel"] = false;
        body["useWsTunnelPacketization2"] = false;
        body["useBase64BinaryEncoding"] = false;
        body["mediaProviders"] = new JsonArray("WebRTC", "MSE", "WSPlayer");
        body["clientVersion"] = "2.0";
        body["clientOSVersion"] = session.ClientOsVersion;
        body["clientBrowserVersion"] = session.ClientBrowserVersion;
        body["keepAlive"] = false;
        body["origin"] = Origin;
        body["custom"] = new JsonObject { ["login"] = session.Login, ["token"] = "sim-token-" + session.Login };
        if (status is not null) body["status"] = status;
        return body;
    }

    /// <summary>What WCS reports about a session it refused after the backend declined its connect: these five fields only.</summary>
    public JsonObject Declined(PlannedSession session, string status, string info) => new()
    {
        ["status"] = status,
        ["info"] = info,
        ["nodeId"] = nodeId,
        ["sessionId"] = session.SessionId,
        ["appKey"] = SimulationOptions.AppKey,
    };

    /// <summary>publishStream / playStream: the request, PENDING, with the client's SDP offer.</summary>
    public JsonObject Request(PlannedSession session, PlannedStream stream)
    {
        var body = StreamHead(session, stream, StreamStatus.Pending);
        body["sdp"] = stream.Published ? Sdp.Replace("a=mid:0\r\n", "a=mid:0\r\na=sendonly\r\n") : Sdp.Replace("a=mid:0\r\n", "a=mid:0\r\na=recvonly\r\n");
        body["record"] = false;
        Zeros(body, "width", "height", "bitrate", "minBitrate", "maxBitrate", "quality");
        body["transport"] = "UDP";
        body["cvoExtension"] = false;
        body["mediaProvider"] = "WebRTC";
        body["custom"] = new JsonObject { ["login"] = session.Login };
        return body;
    }

    /// <summary>StreamStatusEvent and StreamKeepAliveEvent: the long form, with <c>info</c> when WCS gives a reason.</summary>
    public JsonObject Status(PlannedSession session, PlannedStream stream, string status, string? info = null)
    {
        var body = StreamHead(session, stream, status);
        body["audioCodec"] = "opus";
        body["videoCodec"] = "H264";
        body["record"] = false;
        body["width"] = stream.Published ? 0 : 1280;
        body["height"] = stream.Published ? 0 : 720;
        Zeros(body, "bitrate", "minBitrate", "maxBitrate", "quality");
        body["history"] = false;
        Zeros(body, "gop", "fps", "audioBitrate");
        body["codecImpl"] = "";
        body["transport"] = "UDP";
        body["cvoExtension"] = false;
        body["createDate"] = 1718006400512L;
        if (stream.Published) body["mediaType"] = "publish";
        body["audioState"] = new JsonObject { ["muted"] = false };
        body["videoState"] = new JsonObject { ["muted"] = false };
        body["mediaProvider"] = "WebRTC";
        body["custom"] = new JsonObject { ["login"] = session.Login };
        if (info is not null) body["info"] = info;
        return body;
    }

    /// <summary>unPublishStream / stopStream: the short form, carrying the stream's current (live) status.</summary>
    public JsonObject Stop(PlannedSession session, PlannedStream stream)
    {
        var body = StreamHead(session, stream, stream.Published ? StreamStatus.Publishing : StreamStatus.Playing);
        body["record"] = false;
        return body;
    }

    private JsonObject Origin3(string sessionId) => new()
    {
        ["nodeId"] = nodeId,
        ["appKey"] = SimulationOptions.AppKey,
        ["sessionId"] = sessionId,
    };

    private JsonObject StreamHead(PlannedSession session, PlannedStream stream, string status)
    {
        var body = Origin3(session.SessionId);
        body["mediaSessionId"] = stream.MediaSessionId;
        body["name"] = stream.Name;
        body["published"] = stream.Published;
        body["hasVideo"] = true;
        body["hasAudio"] = true;
        body["status"] = status;
        return body;
    }

    private static void Zeros(JsonObject body, params string[] fields)
    {
        foreach (var field in fields) body[field] = 0;
    }
}
