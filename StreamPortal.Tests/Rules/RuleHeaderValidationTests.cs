using Microsoft.Extensions.Logging.Abstractions;
using StreamPortal.Data.Entities;
using StreamPortal.Rules;

namespace StreamPortal.Tests.Rules;

/// <summary>Answer headers of a rule are checked against RFC 9110 when saved, and again when a stored rule is compiled.</summary>
public sealed class RuleHeaderValidationTests
{
    private static Dictionary<string, string[]> ErrorsFor(Dictionary<string, string?> headers) =>
        RuleValidator.Validate(new RuleInput { Name = "h", Answer = new RuleAnswerInput { Status = 500, Headers = headers } });

    /// <summary>
    /// Kestrel refuses a response header value holding anything but visible ASCII, space and tab (it throws while the
    /// answer is written, a 500 after the event was recorded as answered): the validator accepts exactly that set.
    /// </summary>
    [Fact]
    public void A_value_is_accepted_exactly_when_every_character_is_visible_ascii_space_or_tab()
    {
        for (var c = 0; c <= 0x2FF; c++)
        {
            var value = $"a{(char)c}b";
            var allowed = c == '\t' || c is >= 0x20 and <= 0x7E;
            var errors = ErrorsFor(new() { ["X-A"] = value });
            Assert.True(allowed == (errors.Count == 0),
                $"U+{c:X4}: expected {(allowed ? "accepted" : "refused")}, got {string.Join("; ", errors.SelectMany(e => e.Value))}");
        }
        Assert.Contains("U+00E9", Assert.Single(ErrorsFor(new() { ["X-A"] = "café" })["answer.headers.X-A"]));
        Assert.Single(ErrorsFor(new() { ["X-A"] = "\ud800" })["answer.headers.X-A"]);
    }

    [Theory]
    [InlineData("X A")]
    [InlineData("X-\u00e9")]
    [InlineData("X:A")]
    [InlineData("")]
    public void A_name_must_be_an_rfc9110_token(string name) =>
        Assert.Contains("not a valid header name", Assert.Single(ErrorsFor(new() { [name] = "v" })[$"answer.headers.{name}"]));

    [Theory]
    [InlineData("content-length")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Connection")]
    [InlineData("Keep-Alive")]
    [InlineData("Upgrade")]
    [InlineData("Trailer")]
    [InlineData("TE")]
    [InlineData("Proxy-Connection")]
    [InlineData("Content-Encoding")]
    [InlineData("Content-Type")]
    public void Framing_and_hop_by_hop_headers_stay_the_portals(string name) =>
        Assert.Contains("set by the portal", Assert.Single(ErrorsFor(new() { [name] = "x" })[$"answer.headers.{name}"]));

    /// <summary>Before, these passed validation and then made the compiler throw (a dry run answered 500, the rule was skipped).</summary>
    [Fact]
    public void Names_that_differ_only_by_case_are_refused_naming_both()
    {
        var errors = ErrorsFor(new() { ["X-A"] = "1", ["x-a"] = "2" });
        Assert.Contains("x-a", Assert.Single(errors["answer.headers.x-a"]));
        Assert.Contains("X-A", errors["answer.headers.x-a"][0]);
    }

    [Fact]
    public void A_value_with_surrounding_whitespace_or_over_the_length_limit_is_refused()
    {
        Assert.True(ErrorsFor(new() { ["X-A"] = " v" }).ContainsKey("answer.headers.X-A"));
        Assert.True(ErrorsFor(new() { ["X-A"] = new string('v', RuleHeaders.MaxValueLength + 1) }).ContainsKey("answer.headers.X-A"));
        Assert.Empty(ErrorsFor(new() { ["X-A"] = "a\tb c" }));
    }

    /// <summary>A rule stored before these checks (or written to the database by hand) is skipped, never answered with.</summary>
    [Fact]
    public void The_engine_skips_a_stored_rule_whose_headers_kestrel_would_refuse()
    {
        var bad = new RuleDefinition("bad header", true, 1, new RuleMatch([], null, null, [], null, []),
            new RuleAnswer(503, new AnswerBody(AnswerBodyMode.Mirror, null), new Dictionary<string, string> { ["X-A"] = "café" }, 0, null),
            new RuleLimits(1, null, null, null));
        var row = new ResponseRule { Id = 7, Order = 1 };
        RuleStore.Write(row, bad);
        var engine = new RuleEngine(new PassThroughSwitch(null!), new ScriptedRandom(), new ManualTime(RuleTestKit.T0), NullLogger<RuleEngine>.Instance);
        engine.Publish([row], []);

        Assert.Empty(engine.Rules);
        Assert.Contains("answer.headers.X-A", engine.ProblemOf(7));
        Assert.Same(HookDecision.Mirror, engine.Decide(RuleTestKit.Hook("publishStream", RuleTestKit.Publish())));
    }
}
