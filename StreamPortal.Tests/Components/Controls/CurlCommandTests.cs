using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Controls;

public sealed class CurlCommandTests
{
    [Fact]
    public void Replays_the_body_to_the_same_route_with_shell_safe_quoting()
    {
        var body = "{\"name\":\"it's $(rm -rf /)\"}";
        var e = new EventDetail(1, DateTimeOffset.UnixEpoch, "my_api", "publishStream", HookKind.DirectCall, null, null, null, null, null, null,
            null, null, 200, null, null, 0, 1, false, null, null, body, null,
            new Dictionary<string, string> { ["Content-Type"] = "application/json;charset=UTF-8" }, null, null);
        var curl = CurlCommand.For(e, "http://127.0.0.1:5000/", "rest");
        Assert.Equal(
            "curl -X POST 'http://127.0.0.1:5000/rest/my_api/publishStream' -H 'Content-Type: application/json;charset=UTF-8' " +
            "--data-raw '{\"name\":\"it'\\''s $(rm -rf /)\"}'", curl);
    }
}
