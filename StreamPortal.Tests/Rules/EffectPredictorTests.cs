using StreamPortal.Rules;

namespace StreamPortal.Tests.Rules;

public sealed class EffectPredictorTests
{
    private static readonly DateTimeOffset Now = RuleTestKit.T0;

    private static IReadOnlyList<string> Predict(RuleInput rule, Dictionary<string, MethodPolicy>? policy = null) =>
        EffectPredictor.Predict(RuleTestKit.Valid(rule), m => policy?.GetValueOrDefault(m) ?? MethodPolicy.WcsDefault, "default connect policy", Now);

    private static RuleInput For(string method, int status, int delayMs = 0) => new()
    {
        Name = "p",
        Match = new RuleMatchInput { Methods = [method] },
        Answer = new RuleAnswerInput { Status = status, DelayMs = delayMs },
    };

    private static readonly Dictionary<string, MethodPolicy> Fail = new()
    {
        ["publishStream"] = new MethodPolicy { RestOnError = "FAIL" },
        ["StreamStatusEvent"] = new MethodPolicy { RestOnError = "FAIL" },
        ["StreamKeepAliveEvent"] = new MethodPolicy { RestOnError = "FAIL" },
        ["OnCallEvent"] = new MethodPolicy { RestOnError = "FAIL" },
    };

    [Fact]
    public void Connect_non_200_is_refused() =>
        Assert.StartsWith("any non-200 to connect: the connection is refused", Assert.Single(Predict(For("connect", 401))));

    [Fact]
    public void Direct_call_with_log_is_ignored_and_with_fail_aborted()
    {
        Assert.StartsWith("403 to publishStream with restOnError LOG: WCS logs it and publishes anyway", Predict(For("publishStream", 403))[0]);
        Assert.Contains("the operation is aborted", Predict(For("publishStream", 403), Fail)[0]);
        Assert.Contains("publish ends FAILED", Predict(For("publishStream", 403), Fail)[0]);
    }

    [Fact]
    public void Event_with_fail_sends_error_event_and_keep_alive_403_stops_the_stream()
    {
        Assert.Equal("500 to StreamStatusEvent with restOnError FAIL: the client gets an ErrorEvent (nothing is forbidden).", Predict(For("StreamStatusEvent", 500), Fail)[0]);
        Assert.Contains("WCS ignores it", Predict(For("StreamStatusEvent", 500))[0]);
        Assert.Contains("WCS stops that stream", Predict(For("StreamKeepAliveEvent", 403), Fail)[0]);
        Assert.Contains("ErrorEvent", Predict(For("StreamKeepAliveEvent", 500), Fail)[0]);
    }

    [Fact]
    public void Incoming_with_fail_gives_the_caller_403() =>
        Assert.Contains("the caller gets 403", Predict(For("OnCallEvent", 500), Fail)[0]);

    [Fact]
    public void Denying_an_ending_is_pointless() =>
        Assert.Contains("pointless", Predict(For("unPublishStream", 403), Fail)[0]);

    [Fact]
    public void Overrides_are_taken_only_when_listed_under_overwrite()
    {
        var rule = For("publishStream", 200) with
        {
            Answer = new RuleAnswerInput { Status = 200, Body = new AnswerBodyInput { Mode = "overrides", Json = System.Text.Json.JsonDocument.Parse("{\"name\":\"x\",\"record\":true}").RootElement } },
        };
        Assert.Contains("takes nothing from the answer", Predict(rule)[0]);
        var overwrite = new Dictionary<string, MethodPolicy> { ["publishStream"] = new() { RestPolicy = "OVERWRITE", RestOverwrite = "name" } };
        Assert.Contains("name taken, record ignored", Predict(rule, overwrite)[0]);
    }

    [Fact]
    public void Delay_over_fifteen_seconds_times_out()
    {
        var lines = Predict(For("publishStream", 200, delayMs: 20_000));
        Assert.Contains(lines, l => l.StartsWith(EffectPredictor.TimeoutFlag) && l.Contains("rest_request_timeout (15 s"));
    }

    private static IReadOnlyList<string> PredictWithTimeout(RuleInput rule, int timeoutMs, Dictionary<string, MethodPolicy>? policy = null) =>
        EffectPredictor.Predict(RuleTestKit.Valid(rule), m => policy?.GetValueOrDefault(m) ?? MethodPolicy.WcsDefault, "default connect policy", Now, timeoutMs);

    [Fact]
    public void A_delay_that_reaches_the_timeout_in_force_says_what_WCS_does_per_method_and_policy()
    {
        var rule = new RuleInput
        {
            Name = "slow",
            Match = new RuleMatchInput { Methods = ["connect", "publishStream", "StreamStatusEvent"] },
            Answer = new RuleAnswerInput { Status = 200, DelayMs = 5_000 },
        };
        var log = PredictWithTimeout(rule, 5_000);
        Assert.Contains(log, l => l.StartsWith(EffectPredictor.TimeoutFlag) && l.Contains("the delay of 5000 ms reaches") && l.Contains("(5 s"));
        Assert.Contains(log, l => l.StartsWith("On timeout, connect: the client is refused (whatever restOnError says)"));
        Assert.Contains(log, l => l.StartsWith("On timeout, publishStream: with restOnError LOG") && l.Contains("publishes anyway"));
        Assert.Contains(log, l => l.StartsWith("On timeout, StreamStatusEvent: with restOnError LOG") && l.Contains("ignores it"));

        var fail = PredictWithTimeout(rule, 5_000, Fail);
        Assert.Contains(fail, l => l.StartsWith("On timeout, publishStream: with restOnError FAIL") && l.Contains("aborted") && l.Contains("FAILED"));
        Assert.Contains(fail, l => l.StartsWith("On timeout, StreamStatusEvent: with restOnError FAIL") && l.Contains("ErrorEvent"));

        // One millisecond under the timeout: no flag, only the wait.
        var under = PredictWithTimeout(rule, 5_001);
        Assert.DoesNotContain(under, l => l.Contains(EffectPredictor.TimeoutFlag) || l.StartsWith("On timeout"));
        Assert.Contains(under, l => l.StartsWith("WCS waits 5000 ms"));
    }

    [Fact]
    public void The_top_of_a_random_range_is_what_counts()
    {
        var rule = new RuleInput
        {
            Name = "range",
            Match = new RuleMatchInput { Methods = ["playStream"] },
            Answer = new RuleAnswerInput { Status = 200, DelayMs = 1_000, DelayMaxMs = 12_000 },
        };
        Assert.True(EffectPredictor.TimesOut(RuleTestKit.Valid(rule).Answer, 10_000));
        Assert.False(EffectPredictor.TimesOut(RuleTestKit.Valid(rule).Answer, 12_001));
        var lines = PredictWithTimeout(rule, 10_000);
        Assert.Contains(lines, l => l.StartsWith(EffectPredictor.TimeoutFlag) && l.Contains("delays from 10000 ms up to 12000 ms"));
        Assert.Contains(lines, l => l.StartsWith("On timeout, playStream:") && l.Contains("plays anyway"));
    }

    [Fact]
    public void A_rule_for_any_method_lists_each_kind()
    {
        var lines = Predict(new RuleInput { Name = "any", Answer = new RuleAnswerInput { Status = 500 } });
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("Connect:", lines[0]);
        Assert.StartsWith("Direct calls:", lines[1]);
        Assert.StartsWith("Events:", lines[2]);
        Assert.StartsWith("Incoming:", lines[3]);
    }
}
