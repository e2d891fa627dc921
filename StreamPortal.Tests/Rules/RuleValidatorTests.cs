using System.Text.Json;
using StreamPortal.Rules;

namespace StreamPortal.Tests.Rules;

public sealed class RuleValidatorTests
{
    [Fact]
    public void A_sound_rule_has_no_errors()
    {
        var rule = new RuleInput
        {
            Name = "ok",
            Match = new RuleMatchInput { Methods = ["publishStream"], Fields = [new FieldConditionInput { Path = "custom.login", Op = "regex", Value = "^m" }] },
            Answer = new RuleAnswerInput { Status = 200, Body = new AnswerBodyInput { Mode = "overrides", Json = JsonDocument.Parse("{\"name\":\"x\"}").RootElement } },
        };
        Assert.Empty(RuleValidator.Validate(rule));
    }

    [Fact]
    public void Every_error_is_reported_keyed_by_json_path()
    {
        var rule = new RuleInput
        {
            Name = "",
            Match = new RuleMatchInput
            {
                Fields =
                [
                    new FieldConditionInput { Path = "custom.login", Op = "regex", Value = "([unclosed" },
                    new FieldConditionInput { Path = "x", Op = "startsWith", Value = "a" },
                    new FieldConditionInput { Path = "y", Op = "equals", Value = null },
                ],
            },
            Answer = new RuleAnswerInput
            {
                Status = 700,
                Body = new AnswerBodyInput { Mode = "echo" },
                Headers = new Dictionary<string, string?> { ["Bad Header"] = "v", ["Content-Type"] = "text/plain" },
                DelayMs = 500, DelayMaxMs = 100,
            },
            Limits = new RuleLimitsInput { Probability = 1.5, EveryNth = 0, MaxHits = 0 },
        };
        var errors = RuleValidator.Validate(rule);
        Assert.Equal(
            new[] { "answer.body.mode", "answer.delayMaxMs", "answer.headers.Bad Header", "answer.headers.Content-Type", "answer.status",
                    "limits.everyNth", "limits.maxHits", "limits.probability", "match.fields[0].value", "match.fields[1].op",
                    "match.fields[2].value", "name" },
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("regular expression", errors["match.fields[0].value"][0]);
    }

    [Theory]
    [InlineData("custom", "\"not json", "not JSON")]
    [InlineData("overrides", "[1,2]", "JSON object")]
    [InlineData("custom", null, "needs a JSON body")]
    public void Body_json_must_be_json_and_overrides_an_object(string mode, string? jsonText, string message)
    {
        var json = jsonText is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(jsonText);
        if (jsonText == "[1,2]") json = JsonDocument.Parse(jsonText).RootElement;
        var rule = new RuleInput { Name = "b", Answer = new RuleAnswerInput { Status = 500, Body = new AnswerBodyInput { Mode = mode, Json = json } } };
        var errors = RuleValidator.Validate(rule);
        Assert.Contains(message, Assert.Single(errors["answer.body.json"]));
    }

    [Fact]
    public void Connect_policy_validation_lists_every_error()
    {
        var input = new ConnectPolicyInput
        {
            RestClientConfig = new()
            {
                ["publishStream"] = new MethodPolicy { RestOnError = "STOP", RestPolicy = "MAYBE" },
                ["publishStrem"] = new MethodPolicy(),
            },
        };
        var errors = ConnectPolicies.Validate("defaultApp", input);
        Assert.Equal(new[] { "restClientConfig.publishStream.restOnError", "restClientConfig.publishStream.restPolicy", "restClientConfig.publishStrem" },
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
