using System.Text.Json.Nodes;
using StreamPortal.Rules;
using static StreamPortal.Tests.Rules.RuleTestKit;

namespace StreamPortal.Tests.Rules;

public sealed class RuleLimitsTests
{
    private static readonly JsonObject Body = Publish();

    private static int Answer(RuleEngine engine) => engine.Decide(Hook("publishStream", Body)).Status;

    [Fact]
    public void First_matching_rule_wins()
    {
        var (engine, _) = Engine(new ScriptedRandom(), Rule(status: 403), Rule(status: 500));
        var decision = engine.Decide(Hook("publishStream", Body));
        Assert.Equal(403, decision.Status);
        Assert.Equal(1, decision.RuleId);
        Assert.Equal(1, engine.CountersOf(1)!.Hits);
        Assert.Equal(0, engine.CountersOf(2)!.Hits);
    }

    [Fact]
    public void No_match_is_a_plain_mirror_without_rule()
    {
        var (engine, _) = Engine(new ScriptedRandom(), Rule(new RuleMatchInput { Methods = ["connect"] }));
        var decision = engine.Decide(Hook("publishStream", Body));
        Assert.True(decision.IsPlainMirror);
        Assert.Null(decision.RuleId);
    }

    [Fact]
    public void Disabled_rule_is_skipped_and_the_next_one_answers()
    {
        var (engine, _) = Engine(new ScriptedRandom(), Rule(status: 403, enabled: false), Rule(status: 500));
        Assert.Equal(500, Answer(engine));
        Assert.Equal(0, engine.CountersOf(1)!.Hits);
    }

    [Fact]
    public void ActiveUntil_ends_the_rule_at_that_time()
    {
        var (engine, time) = Engine(new ScriptedRandom(), Rule(limits: new RuleLimitsInput { ActiveUntil = T0.AddMinutes(5) }));
        Assert.Equal(403, Answer(engine));
        time.Now = T0.AddMinutes(5).AddMilliseconds(-1);
        Assert.Equal(403, Answer(engine));
        time.Now = T0.AddMinutes(5);
        Assert.Equal(200, Answer(engine));
    }

    [Fact]
    public void Probability_uses_the_injected_random_source()
    {
        var random = new ScriptedRandom(0.29, 0.30, 0.95, 0.0);
        var (engine, _) = Engine(random, Rule(limits: new RuleLimitsInput { Probability = 0.3 }));
        Assert.Equal(403, Answer(engine));
        Assert.Equal(200, Answer(engine));
        Assert.Equal(200, Answer(engine));
        Assert.Equal(403, Answer(engine));
        Assert.Equal(2, engine.CountersOf(1)!.Hits);
    }

    [Fact]
    public void Probability_zero_never_fires_and_one_never_draws()
    {
        var never = new ScriptedRandom(0.0, 0.0);
        var (engine, _) = Engine(never, Rule(limits: new RuleLimitsInput { Probability = 0 }));
        Assert.Equal(200, Answer(engine));
        var always = new ScriptedRandom();
        var (engine2, _) = Engine(always, Rule());
        Assert.Equal(403, Answer(engine2));
        Assert.Equal(0, always.DoubleDraws);
    }

    [Fact]
    public void EveryNth_fires_on_every_third_match_only()
    {
        var (engine, _) = Engine(new ScriptedRandom(), Rule(limits: new RuleLimitsInput { EveryNth = 3 }));
        var answers = Enumerable.Range(0, 7).Select(_ => Answer(engine)).ToArray();
        Assert.Equal([200, 200, 403, 200, 200, 403, 200], answers);
        Assert.Equal(2, engine.CountersOf(1)!.Hits);
    }

    [Fact]
    public void EveryNth_counts_only_hooks_that_meet_the_conditions()
    {
        var (engine, _) = Engine(new ScriptedRandom(), Rule(new RuleMatchInput { Methods = ["publishStream"] }, new RuleLimitsInput { EveryNth = 2 }));
        Assert.Equal(200, engine.Decide(Hook("publishStream", Body)).Status);
        Assert.Equal(200, engine.Decide(Hook("playStream", Body)).Status);
        Assert.Equal(403, engine.Decide(Hook("publishStream", Body)).Status);
    }

    [Fact]
    public void MaxHits_stops_the_rule_and_evaluation_falls_through_to_the_next()
    {
        var (engine, _) = Engine(new ScriptedRandom(), Rule(limits: new RuleLimitsInput { MaxHits = 2 }, status: 403), Rule(status: 500));
        Assert.Equal([403, 403, 500, 500], Enumerable.Range(0, 4).Select(_ => Answer(engine)).ToArray());
        Assert.Equal(2, engine.CountersOf(1)!.Hits);
    }

    [Fact]
    public void MaxHits_is_never_exceeded_under_concurrency()
    {
        var (engine, _) = Engine(new SharedRandomSource(), Rule(limits: new RuleLimitsInput { MaxHits = 25 }));
        var fired = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (engine.Decide(Hook("publishStream", Body)).Status == 403) Interlocked.Increment(ref fired);
        });
        Assert.Equal(25, fired);
        Assert.Equal(25, engine.CountersOf(1)!.Hits);
    }

    [Fact]
    public void Counters_survive_a_snapshot_rebuild_and_a_spent_rule_stays_spent()
    {
        var rule = Rule(limits: new RuleLimitsInput { MaxHits = 1 });
        var (engine, _) = Engine(new ScriptedRandom(), rule);
        Assert.Equal(403, Answer(engine));
        // The stored count lags (the writer has not committed yet): the live counter must not go back.
        engine.Publish([Row(1, rule with { Answer = new RuleAnswerInput { Status = 500 } }, 1)], []);
        Assert.Equal(1, engine.CountersOf(1)!.Hits);
        Assert.Equal(200, Answer(engine));
    }

    [Fact]
    public void A_new_rule_starts_from_its_stored_hit_count()
    {
        var (engine, _) = Engine(new ScriptedRandom());
        var row = Row(7, Rule(limits: new RuleLimitsInput { MaxHits = 3 }), 1);
        row.HitCount = 3;
        engine.Publish([row], []);
        Assert.Equal(200, Answer(engine));
    }

    [Fact]
    public void Limits_apply_in_order_probability_not_drawn_when_every_nth_skips()
    {
        var random = new ScriptedRandom(0.0, 0.0);
        var (engine, _) = Engine(random, Rule(limits: new RuleLimitsInput { EveryNth = 2, Probability = 0.5 }));
        Assert.Equal(200, Answer(engine));
        Assert.Equal(0, random.DoubleDraws);
        Assert.Equal(403, Answer(engine));
        Assert.Equal(1, random.DoubleDraws);
    }

    [Fact]
    public void Delay_is_fixed_or_drawn_from_the_range()
    {
        var random = new ScriptedRandom();
        random.Ints.Enqueue(1234);
        var rule = Rule() with { Answer = new RuleAnswerInput { Status = 500, DelayMs = 1000, DelayMaxMs = 2000 } };
        var (engine, _) = Engine(random, rule);
        Assert.Equal(1234, engine.Decide(Hook("publishStream", Body)).DelayMs);
        var (fixedEngine, _) = Engine(random, Rule() with { Answer = new RuleAnswerInput { Status = 500, DelayMs = 300 } });
        Assert.Equal(300, fixedEngine.Decide(Hook("publishStream", Body)).DelayMs);
    }

    [Fact]
    public void Answer_carries_mode_json_headers_and_rule_identity()
    {
        var rule = new RuleInput
        {
            Name = "rename",
            Answer = new RuleAnswerInput
            {
                Status = 200,
                Body = new AnswerBodyInput { Mode = "overrides", Json = ApiJsonElement("{\"name\":\"renamed\"}") },
                Headers = new Dictionary<string, string?> { ["X-Test"] = "1" },
            },
        };
        var (engine, _) = Engine(new ScriptedRandom(), rule);
        var d = engine.Decide(Hook("publishStream", Body));
        Assert.Equal(AnswerBodyMode.Overrides, d.Mode);
        Assert.Equal("{\"name\":\"renamed\"}", d.Json);
        Assert.Equal("1", d.Headers!["X-Test"]);
        Assert.Equal("rename", d.RuleName);
    }

    private static System.Text.Json.JsonElement ApiJsonElement(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
