using System.Text;
using System.Text.Json.Nodes;
using StreamPortal.Hooks;
using StreamPortal.Rules;

namespace StreamPortal.Tests.Hooks;

public sealed class AnswerBuilderTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"b":1,"a":{"x":1,"y":2},"name":"n"}""");

    [Fact]
    public void A_plain_mirror_is_the_request_bytes_themselves()
    {
        var (answer, changed) = AnswerBuilder.Build(HookDecision.Mirror, Body, null);
        Assert.Same(Body, answer);
        Assert.False(changed);
    }

    [Fact]
    public void Overrides_merge_deeply_and_keep_the_rest()
    {
        var decision = HookDecision.Mirror with { Mode = AnswerBodyMode.Overrides, Json = """{"name":"renamed","a":{"y":3}}""" };
        var (answer, changed) = AnswerBuilder.Build(decision, Body, null);
        Assert.True(changed);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"b":1,"a":{"x":1,"y":3},"name":"renamed"}"""), JsonNode.Parse(answer)));
    }

    [Fact]
    public void A_200_connect_answer_carries_the_rest_client_config()
    {
        var (answer, changed) = AnswerBuilder.Build(HookDecision.Mirror, Body, """{"publishStream":{"restOnError":"FAIL"}}""");
        Assert.True(changed);
        var json = JsonNode.Parse(answer)!;
        Assert.Equal("FAIL", json["restClientConfig"]!["publishStream"]!["restOnError"]!.GetValue<string>());
        Assert.Equal("n", json["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_refused_connect_does_not_carry_the_config_and_empty_has_no_body()
    {
        var refused = HookDecision.Mirror with { Status = 403 };
        var (answer, _) = AnswerBuilder.Build(refused, Body, """{"x":{}}""");
        Assert.Null(JsonNode.Parse(answer)!["restClientConfig"]);
        var (empty, changed) = AnswerBuilder.Build(refused with { Mode = AnswerBodyMode.Empty }, Body, null);
        Assert.Null(empty);
        Assert.True(changed);
    }
}
