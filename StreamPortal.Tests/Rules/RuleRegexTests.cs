using System.Diagnostics;
using System.Text.RegularExpressions;
using StreamPortal.Rules;

namespace StreamPortal.Tests.Rules;

/// <summary>Field regexes run on the linear engine where they can; the rest keep the backtracker with its timeout.</summary>
public sealed class RuleRegexTests
{
    private static RuleInput NameRegex(string pattern) => RuleTestKit.Rule(new RuleMatchInput
    {
        Fields = [new FieldConditionInput { Path = "name", Op = FieldOps.Regex, Value = pattern }],
    });

    private static bool Evaluate(CompiledRule rule, string name)
    {
        var hook = RuleTestKit.Hook("publishStream", RuleTestKit.Publish(name: name));
        using var body = new HookBodyView(hook.Body);
        return RuleMatcher.ConditionsHold(rule, hook, body);
    }

    /// <summary>
    /// Before, each evaluation ran into the 50 ms timeout (hooks fell to 85/s); the count is the assertion, the bound
    /// only keeps the test from running for minutes on the old engine.
    /// </summary>
    [Fact]
    public void The_catastrophic_pattern_costs_no_backtracking_on_the_hook_path()
    {
        var rule = RuleTestKit.Compile(NameRegex("^(a+)+$"));
        Assert.Equal(RegexOptions.NonBacktracking, rule.Fields[0].Regex!.Options & RegexOptions.NonBacktracking);
        var evil = new string('a', 40) + "!";
        var bound = Stopwatch.StartNew();
        var evaluated = 0;
        while (evaluated < 10_000 && bound.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.False(Evaluate(rule, evil));
            evaluated++;
        }
        Assert.Equal(10_000, evaluated);
        Assert.Equal(0, rule.Counters.RegexTimeouts);
        Assert.True(Evaluate(rule, new string('a', 40)));
    }

    [Fact]
    public void A_backreference_keeps_the_backtracking_engine_and_its_timeout()
    {
        var rule = RuleTestKit.Compile(NameRegex(@"^(\w)\1-"));
        var regex = rule.Fields[0].Regex!;
        Assert.Equal(RegexOptions.None, regex.Options & RegexOptions.NonBacktracking);
        Assert.Equal(RuleCompiler.RegexTimeout, regex.MatchTimeout);
        Assert.True(Evaluate(rule, "aa-1"));
        Assert.False(Evaluate(rule, "ab-1"));
    }

    [Theory]
    [InlineData("(?=v)vip")]
    [InlineData("(?<!x)vip")]
    [InlineData("(?>vi)p")]
    public void Lookarounds_and_atomic_groups_still_validate_and_match(string pattern)
    {
        Assert.Empty(RuleValidator.Validate(NameRegex(pattern)));
        Assert.True(Evaluate(RuleTestKit.Compile(NameRegex(pattern)), "vip-1"));
    }

    /// <summary>
    /// Fail-open, on purpose: a condition that could not be decided does not fire the rule (the hook gets the mirror,
    /// as if the rule were not there), and the timeout is counted on the rule for the console and the API.
    /// </summary>
    [Fact]
    public void A_timed_out_backtracking_regex_counts_as_no_match_and_is_counted()
    {
        var rule = RuleTestKit.Compile(NameRegex("^(?=a)(a+)+$"));
        Assert.False(Evaluate(rule, new string('a', 40) + "!"));
        Assert.Equal(1, rule.Counters.RegexTimeouts);
    }

    [Fact]
    public void A_pattern_over_the_length_limit_is_refused()
    {
        var errors = RuleValidator.Validate(NameRegex(new string('a', RuleValidator.MaxRegexLength + 1)));
        Assert.Contains($"{RuleValidator.MaxRegexLength}", Assert.Single(errors["match.fields[0].value"]));
    }
}
