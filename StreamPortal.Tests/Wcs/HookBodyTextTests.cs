using System.Text;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Wcs;

/// <summary>Hook bodies must be UTF-8 text: invalid bytes anywhere and lone surrogate escapes are parse failures, never exceptions.</summary>
public sealed class HookBodyTextTests
{
    public static TheoryData<string, byte[], string> InvalidBodies => new()
    {
        { "invalid byte in a known field", Bytes("{\"name\":\"a", 0xFF, "b\"}"), "UTF-8" },
        { "invalid byte in an unknown field", Bytes("{\"sessionId\":\"s1\",\"extra\":\"a", 0xFF, "b\"}"), "UTF-8" },
        { "truncated sequence at the end of a string", Bytes("{\"name\":\"caf", 0xC3, "\"}"), "UTF-8" },
        { "overlong encoding", Bytes("{\"name\":\"", 0xC0, "", 0xAF, "\"}"), "UTF-8" },
        { "invalid byte in a nested value", Bytes("{\"custom\":{\"login\":\"", 0xFE, "\"}}"), "UTF-8" },
        { "lone high surrogate in a known field", Encoding.UTF8.GetBytes("""{"name":"\ud800"}"""), "'name'" },
        { "lone low surrogate in a known field", Encoding.UTF8.GetBytes("""{"status":"x\udc00y"}"""), "'status'" },
        { "lone surrogate in custom.login", Encoding.UTF8.GetBytes("""{"custom":{"login":"\ud800"}}"""), "'login'" },
        { "lone surrogate in an unknown field", Encoding.UTF8.GetBytes("""{"sdp":"\udfff"}"""), "'sdp'" },
        { "lone surrogate in a property name", Encoding.UTF8.GetBytes("""{"\ud800":1}"""), "property name" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public void Invalid_text_is_a_parse_failure_naming_the_problem(string label, byte[] body, string reasonPart)
    {
        var result = HookBodyParser.Parse(body);

        Assert.True(result.Fields is null, label);
        Assert.Contains(reasonPart, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_surrogate_pair_escape_and_plain_non_ascii_text_parse()
    {
        var result = HookBodyParser.Parse(Encoding.UTF8.GetBytes("""{"name":"\ud83d\ude00 caf\u00e9 smile","info":"café ☕"}"""));

        Assert.Null(result.Error);
        Assert.Equal("\U0001F600 caf\u00e9 smile", result.Fields!.Name);
        Assert.Equal("café ☕", result.Fields.Info);
    }

    [Fact]
    public void The_invalid_byte_offset_is_named()
    {
        var result = HookBodyParser.Parse(Bytes("{\"name\":\"a", 0xFF, "b\"}"));

        Assert.Contains("offset 10", result.Error, StringComparison.Ordinal);
        Assert.Contains("0xFF", result.Error, StringComparison.Ordinal);
    }

    private static byte[] Bytes(string before, byte bad, string after) => [.. Encoding.UTF8.GetBytes(before), bad, .. Encoding.UTF8.GetBytes(after)];

    private static byte[] Bytes(string before, byte bad, string middle, byte bad2, string after) =>
        [.. Encoding.UTF8.GetBytes(before), bad, .. Encoding.UTF8.GetBytes(middle), bad2, .. Encoding.UTF8.GetBytes(after)];
}
