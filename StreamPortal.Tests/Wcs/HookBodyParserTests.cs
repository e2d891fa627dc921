using StreamPortal.Wcs;
using System.Text;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Wcs;

public sealed class HookBodyParserTests
{
    private static HookParseResult Parse(string json) => HookBodyParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Lifts_identity_media_and_client_fields_from_real_hooks()
    {
        var publish = Parse(Fixtures.Body("04-StreamStatusEvent-PUBLISHING.json").ToJsonString()).Fields!;
        Assert.Equal("9e8d7c6b-5a49-4f3e-8d2c-1b0a9f8e7d6c", publish.MediaSessionId);
        Assert.Equal("lecture-101", publish.Name);
        Assert.Equal("PUBLISHING", publish.Status);
        Assert.True(publish.Published);
        Assert.Equal("opus", publish.AudioCodec);
        Assert.Equal("H264", publish.VideoCodec);
        Assert.Equal("alice", publish.Login);

        var connect = Parse(Fixtures.Body("01-connect.json").ToJsonString()).Fields!;
        Assert.Equal("https://classroom.example.com", connect.Origin);
        Assert.Equal("defaultApp", connect.AppKey);
        Assert.Equal("""["WebRTC","MSE","WSPlayer"]""", connect.MediaProviders!.Replace("\n", "").Replace(" ", ""));
        Assert.Contains("\"login\"", connect.Custom);
        Assert.Equal("alice", connect.Login);
    }

    [Fact]
    public void Nulls_in_known_fields_are_accepted_as_absent()
    {
        var fields = Parse("""{"name":null,"published":null,"width":null,"custom":null}""").Fields!;
        Assert.Null(fields.Name);
        Assert.Null(fields.Published);
        Assert.Null(fields.Login);
    }

    [Fact]
    public void Every_type_error_is_reported_not_just_the_first()
    {
        var result = Parse("""{"published":"yes","height":1.5,"sessionId":7}""");
        Assert.Null(result.Fields);
        Assert.Contains("'published' must be true or false, got a string", result.Error);
        Assert.Contains("'height' must be an integer", result.Error);
        Assert.Contains("'sessionId' must be a string, got a number", result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    [InlineData("null")]
    [InlineData("42")]
    public void Rejects_what_is_not_one_object(string body) => Assert.NotNull(Parse(body).Error);

    [Theory]
    [InlineData("""{"custom":{"a":{"login":"inner"},"login":"outer"}}""", "outer")]
    [InlineData("""{"custom":{"login":{"x":1},"b":"c"}}""", null)]
    [InlineData("""{"custom":{"login":"first","login":"last"}}""", "last")]
    [InlineData("""{"custom":"login"}""", null)]
    public void Login_is_the_top_level_string_of_custom(string body, string? login) =>
        Assert.Equal(login, Parse(body).Fields!.Login);

    [Fact]
    public void Unknown_and_nested_fields_are_skipped_without_error()
    {
        var fields = Parse("""{"x":{"y":[1,{"z":true}]},"name":"n","custom":{"login":{"nested":1}}}""").Fields!;
        Assert.Equal("n", fields.Name);
        Assert.Null(fields.Login);
    }
}
