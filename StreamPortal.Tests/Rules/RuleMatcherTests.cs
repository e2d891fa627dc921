using System.Text.Json.Nodes;
using StreamPortal.Rules;
using static StreamPortal.Tests.Rules.RuleTestKit;

namespace StreamPortal.Tests.Rules;

public sealed class RuleMatcherTests
{
    private static RuleInput Fields(params FieldConditionInput[] f) => Rule(new RuleMatchInput { Fields = f });

    [Fact]
    public void Empty_match_matches_any_hook()
    {
        Assert.True(Holds(Rule(), Hook("publishStream", Publish())));
        Assert.True(Holds(Rule(), Hook("someFutureHook", new JsonObject { ["x"] = 1 })));
    }

    [Fact]
    public void Methods_restrict_to_the_listed_ones()
    {
        var rule = Rule(new RuleMatchInput { Methods = ["publishStream", "playStream"] });
        Assert.True(Holds(rule, Hook("publishStream", Publish())));
        Assert.True(Holds(rule, Hook("playStream", Publish())));
        Assert.False(Holds(rule, Hook("StreamStatusEvent", Publish())));
    }

    [Theory]
    [InlineData("vip-*", "vip-1", true)]
    [InlineData("vip-*", "VIP-1", false)]
    [InlineData("vip-*", "avip-1", false)]
    [InlineData("*-1", "vip-1", true)]
    [InlineData("v?p-?", "vip-1", true)]
    [InlineData("v?p-?", "vip-12", false)]
    [InlineData("*ip*", "vip-1", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXcYYb", false)]
    [InlineData("vip-1", "vip-1", true)]
    [InlineData("*", "anything", true)]
    public void Stream_name_glob(string glob, string name, bool expected) =>
        Assert.Equal(expected, Holds(Rule(new RuleMatchInput { StreamName = glob }), Hook("publishStream", Publish(name: name))));

    [Fact]
    public void Stream_name_glob_never_matches_a_hook_without_a_name()
    {
        var body = Publish();
        body.Remove("name");
        Assert.False(Holds(Rule(new RuleMatchInput { StreamName = "vip-*" }), Hook("publishStream", body)));
    }

    [Fact]
    public void AppKey_glob()
    {
        var rule = Rule(new RuleMatchInput { AppKey = "default*" });
        Assert.True(Holds(rule, Hook("connect", Publish(appKey: "defaultApp"))));
        Assert.False(Holds(rule, Hook("connect", Publish(appKey: "otherApp"))));
    }

    [Fact]
    public void Status_set()
    {
        var rule = Rule(new RuleMatchInput { Statuses = ["PUBLISHING", "PLAYING"] });
        Assert.True(Holds(rule, Hook("StreamStatusEvent", Publish(status: "PLAYING"))));
        Assert.False(Holds(rule, Hook("StreamStatusEvent", Publish(status: "FAILED"))));
        var noStatus = Publish();
        noStatus.Remove("status");
        Assert.False(Holds(rule, Hook("StreamStatusEvent", noStatus)));
    }

    [Fact]
    public void SessionId_exact()
    {
        Assert.True(Holds(Rule(new RuleMatchInput { SessionId = "s-1" }), Hook("publishStream", Publish())));
        Assert.False(Holds(Rule(new RuleMatchInput { SessionId = "s-" }), Hook("publishStream", Publish())));
    }

    [Fact]
    public void Field_equals_on_nested_path_string_boolean_number_and_array_index()
    {
        var hook = Hook("publishStream", Publish(login: "mallory"));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "custom.login", Value = "mallory" }), hook));
        Assert.False(Holds(Fields(new FieldConditionInput { Path = "custom.login", Value = "alice" }), hook));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "published", Value = "true" }), hook));
        Assert.False(Holds(Fields(new FieldConditionInput { Path = "published", Value = "false" }), hook));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "width", Value = "640" }), hook));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "custom.tags.1", Value = "b" }), hook));
        Assert.False(Holds(Fields(new FieldConditionInput { Path = "custom.missing", Value = "x" }), hook));
    }

    [Fact]
    public void Field_glob()
    {
        var hook = Hook("publishStream", Publish(login: "mallory"));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "custom.login", Op = "glob", Value = "mal*" }), hook));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "mediaProvider", Op = "glob", Value = "Web???" }), hook));
        Assert.False(Holds(Fields(new FieldConditionInput { Path = "custom.login", Op = "glob", Value = "Mal*" }), hook));
    }

    [Fact]
    public void Field_regex()
    {
        var hook = Hook("publishStream", Publish(login: "mallory"));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "custom.login", Op = "regex", Value = "^m.l+ory$" }), hook));
        Assert.False(Holds(Fields(new FieldConditionInput { Path = "custom.login", Op = "regex", Value = "^alice" }), hook));
    }

    [Fact]
    public void Field_regex_that_times_out_is_no_match_not_an_exception()
    {
        var body = Publish(login: new string('a', 30_000) + "!");
        // The lookahead keeps the backtracking engine (the linear one would not time out on this pattern).
        var rule = Compile(Fields(new FieldConditionInput { Path = "custom.login", Op = "regex", Value = "^(?=a)(\\w+\\s?)*$" }));
        var logger = new ListLogger();
        var hook = Hook("publishStream", body);
        using var view = new HookBodyView(hook.Body);
        Assert.False(RuleMatcher.ConditionsHold(rule, hook, view, logger));
        Assert.Contains(logger.Messages, m => m.Contains("timed out"));
    }

    [Fact]
    public void Field_exists_and_not_exists()
    {
        var hook = Hook("publishStream", Publish());
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "custom.login", Op = "exists" }), hook));
        Assert.False(Holds(Fields(new FieldConditionInput { Path = "custom.token", Op = "exists" }), hook));
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "custom.token", Op = "notExists" }), hook));
        Assert.False(Holds(Fields(new FieldConditionInput { Path = "mediaProvider", Op = "notExists" }), hook));
        var withNull = Publish();
        withNull["info"] = null;
        Assert.True(Holds(Fields(new FieldConditionInput { Path = "info", Op = "notExists" }), Hook("publishStream", withNull)));
    }

    [Fact]
    public void All_given_conditions_must_hold()
    {
        var rule = Rule(new RuleMatchInput
        {
            Methods = ["publishStream"], StreamName = "vip-*", AppKey = "defaultApp", Statuses = ["PENDING"],
            Fields = [new FieldConditionInput { Path = "custom.login", Value = "mallory" }],
        });
        Assert.True(Holds(rule, Hook("publishStream", Publish(login: "mallory"))));
        Assert.False(Holds(rule, Hook("publishStream", Publish(login: "alice"))));
        Assert.False(Holds(rule, Hook("publishStream", Publish(name: "free-1", login: "mallory"))));
    }
}

internal sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
{
    public List<string> Messages { get; } = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages) Messages.Add(formatter(state, exception));
    }
}
