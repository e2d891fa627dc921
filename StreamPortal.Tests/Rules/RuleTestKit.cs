using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StreamPortal.Data.Entities;
using StreamPortal.Rules;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Rules;

/// <summary>Draws decided by the test: doubles from a queue (then 0.99), delays at the low end unless queued.</summary>
internal sealed class ScriptedRandom(params double[] doubles) : IRandomSource
{
    private readonly Queue<double> _doubles = new(doubles);
    public Queue<int> Ints { get; } = new();
    public int DoubleDraws { get; private set; }
    public double NextDouble() { DoubleDraws++; return _doubles.Count > 0 ? _doubles.Dequeue() : 0.99; }
    public int Next(int min, int maxInclusive) => Ints.Count > 0 ? Math.Clamp(Ints.Dequeue(), min, maxInclusive) : min;
}

internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class RuleTestKit
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static HookRequest Hook(string method, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var fields = HookBodyParser.Parse(bytes).Fields ?? throw new InvalidOperationException("test body does not parse");
        return new HookRequest("my_api", method, HookCatalogue.KindOf(method), fields, bytes);
    }

    public static JsonObject Publish(string name = "vip-1", string login = "alice", string appKey = "defaultApp", string status = "PENDING") => new()
    {
        ["nodeId"] = "node1",
        ["appKey"] = appKey,
        ["sessionId"] = "s-1",
        ["mediaSessionId"] = "m-1",
        ["name"] = name,
        ["published"] = true,
        ["status"] = status,
        ["mediaProvider"] = "WebRTC",
        ["custom"] = new JsonObject { ["login"] = login, ["tags"] = new JsonArray("a", "b") },
        ["width"] = 640,
    };

    public static RuleInput Rule(RuleMatchInput? match = null, RuleLimitsInput? limits = null, int status = 403, bool enabled = true) => new()
    {
        Name = "r",
        Enabled = enabled,
        Match = match ?? new RuleMatchInput(),
        Answer = new RuleAnswerInput { Status = status },
        Limits = limits ?? new RuleLimitsInput(),
    };

    /// <summary>The input validated (a test rule that does not validate fails the test) and normalised.</summary>
    public static RuleDefinition Valid(RuleInput input) =>
        RuleValidator.TryValidate(input, out var rule, out var errors)
            ? rule
            : throw new InvalidOperationException("test rule does not validate: " + string.Join("; ", errors.Keys));

    public static CompiledRule Compile(RuleInput d, long id = 1) => RuleCompiler.Compile(id, Valid(d), new RuleCounters(0, null));

    public static bool Holds(RuleInput d, HookRequest h)
    {
        using var body = new HookBodyView(h.Body);
        return RuleMatcher.ConditionsHold(Compile(d), h, body);
    }

    public static ResponseRule Row(long id, RuleInput d, int order)
    {
        var row = new ResponseRule { Id = id, Order = order };
        RuleStore.Write(row, Valid(d));
        return row;
    }

    public static (RuleEngine Engine, ManualTime Time) Engine(IRandomSource random, params RuleInput[] rules)
    {
        var time = new ManualTime(T0);
        var engine = new RuleEngine(new PassThroughSwitch(null!), random, time, NullLogger<RuleEngine>.Instance);
        engine.Publish(rules.Select((r, i) => Row(i + 1, r, i + 1)), []);
        return (engine, time);
    }
}
