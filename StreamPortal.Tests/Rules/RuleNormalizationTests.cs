using System.Text.Json;
using StreamPortal.Data.Entities;
using StreamPortal.Rules;

namespace StreamPortal.Tests.Rules;

/// <summary>Input to normalised rule: what the validator hands on once the input has no error.</summary>
public sealed class RuleNormalizationTests
{
    private static RuleDefinition Valid(RuleInput input)
    {
        Assert.True(RuleValidator.TryValidate(input, out var rule, out var errors), string.Join("; ", errors.Keys));
        Assert.Empty(errors);
        return rule;
    }

    [Fact]
    public void Missing_and_null_members_get_their_documented_defaults()
    {
        var rule = Valid(new RuleInput
        {
            Name = "  spaced  ",
            Match = null,
            Answer = new RuleAnswerInput { Status = 403, Body = null, Headers = null },
            Limits = null,
        });

        Assert.Equal("spaced", rule.Name);
        Assert.True(rule.Enabled);
        Assert.Null(rule.Order);
        Assert.Empty(rule.Match.Methods);
        Assert.Empty(rule.Match.Statuses);
        Assert.Empty(rule.Match.Fields);
        Assert.Null(rule.Match.AppKey);
        Assert.Equal(403, rule.Answer.Status);
        Assert.Equal(AnswerBodyMode.Mirror, rule.Answer.Body.Mode);
        Assert.Null(rule.Answer.Body.Json);
        Assert.Empty(rule.Answer.Headers);
        Assert.Equal(new RuleLimits(1.0, null, null, null), rule.Limits);
    }

    [Fact]
    public void Empty_globs_and_session_mean_any_and_lists_keep_their_items_in_order()
    {
        var rule = Valid(new RuleInput
        {
            Name = "m",
            Match = new RuleMatchInput
            {
                Methods = ["publishStream", "connect"], AppKey = "", StreamName = "vip-*", SessionId = "",
                Statuses = ["PUBLISHING"], Fields = [new FieldConditionInput { Path = "custom.login", Op = FieldOps.Exists }],
            },
        });

        Assert.Equal(["publishStream", "connect"], rule.Match.Methods);
        Assert.Null(rule.Match.AppKey);
        Assert.Equal("vip-*", rule.Match.StreamName);
        Assert.Null(rule.Match.SessionId);
        Assert.Equal(["PUBLISHING"], rule.Match.Statuses);
        Assert.Equal(new FieldCondition("custom.login", FieldOps.Exists, null), Assert.Single(rule.Match.Fields));
    }

    [Fact]
    public void A_body_given_as_a_string_of_json_text_becomes_that_json_value()
    {
        var rule = Valid(new RuleInput
        {
            Name = "b",
            Answer = new RuleAnswerInput
            {
                Status = 500,
                Body = new AnswerBodyInput { Mode = BodyModes.Custom, Json = JsonSerializer.SerializeToElement("{\"reason\": \"down\"}") },
            },
        });

        Assert.Equal(AnswerBodyMode.Custom, rule.Answer.Body.Mode);
        var json = Assert.IsType<JsonElement>(rule.Answer.Body.Json);
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.Equal("down", json.GetProperty("reason").GetString());
    }

    [Fact]
    public void An_input_with_errors_gives_no_rule()
    {
        Assert.False(RuleValidator.TryValidate(new RuleInput { Name = "", Answer = new RuleAnswerInput { Status = 99 } }, out var rule, out var errors));
        Assert.Null(rule);
        Assert.Equal(["answer.status", "name"], errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void The_stored_json_has_every_member_and_reads_back_as_the_same_rule()
    {
        var rule = Valid(new RuleInput { Name = "minimal", Answer = null });
        var row = new ResponseRule();
        RuleStore.Write(row, rule);

        // The stored shape is the API's (docs/rules.md): a change here breaks existing databases.
        Assert.Equal("""{"methods":[],"appKey":null,"streamName":null,"statuses":[],"sessionId":null,"fields":[]}""", row.MatchJson);
        Assert.Equal("""{"status":200,"body":{"mode":"mirror","json":null},"headers":{},"delayMs":0,"delayMaxMs":null}""", row.AnswerJson);
        Assert.Equal("""{"probability":1,"everyNth":null,"maxHits":null,"activeUntil":null}""", row.LimitsJson);

        var back = RuleStore.ToDefinition(row);
        Assert.Equal("minimal", back.Name);
        Assert.Equal(row.MatchJson, JsonSerializer.Serialize(back.Match, RuleStore.Json));
        Assert.Equal(row.AnswerJson, JsonSerializer.Serialize(back.Answer, RuleStore.Json));
        Assert.Equal(row.LimitsJson, JsonSerializer.Serialize(back.Limits, RuleStore.Json));
    }
}
