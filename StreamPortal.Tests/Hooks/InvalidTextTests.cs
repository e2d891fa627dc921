using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Hooks;

/// <summary>Invalid UTF-8 or a lone surrogate escape: 400 problem JSON, stored as rejected with the bytes as received, never a 500 or a mirror.</summary>
public sealed class InvalidTextTests : PortalTest
{
    public static TheoryData<string, byte[]> Bodies => new()
    {
        { "invalid byte in a known field", [.. "{\"name\":\"a"u8, 0xFF, .. "b\"}"u8] },
        { "invalid byte in an unknown field", [.. "{\"sessionId\":\"s1\",\"extra\":\"a"u8, 0xFF, .. "b\"}"u8] },
        { "lone surrogate in a known field", "{\"name\":\"\\ud800\"}"u8.ToArray() },
        { "lone surrogate in an unknown field", "{\"sessionId\":\"s1\",\"note\":\"\\udc00\"}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Is_400_problem_json_and_stored_as_rejected_with_its_bytes(string label, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/rest/my_api/{WcsMethod.StreamStatusEvent}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var answer = await response.Content.ReadAsByteArrayAsync();
        Assert.True(Encoding.UTF8.GetString(answer) is var text && !text.Contains("\ufffd") && !answer.AsSpan().ContainsAny((byte)0xFF, (byte)0xFE), label);
        var eventId = JsonNode.Parse(answer)!["eventId"]!.GetValue<long>();

        var stored = await Factory.CreateApiClient().GetObjectAsync($"/api/events/{eventId}");
        Assert.True(stored["rejected"]!.GetValue<bool>(), label);
        Assert.Equal(400, stored["answerStatus"]!.GetValue<int>());
        var raw = stored["rawBody"]!.GetValue<string>();
        var kept = stored["bodyEncoding"]?.GetValue<string>() == "base64" ? Convert.FromBase64String(raw) : Encoding.UTF8.GetBytes(raw);
        Assert.Equal(body, kept);
    }
}
