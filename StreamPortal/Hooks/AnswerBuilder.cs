using System.Text.Json;
using System.Text.Json.Nodes;
using StreamPortal.Rules;

namespace StreamPortal.Hooks;

/// <summary>Turns a decision into the answer body. A plain mirror is the request's own bytes: exact, key order kept.</summary>
public static class AnswerBuilder
{
    /// <param name="restClientConfig">Merged into 200 answers to connect when not null.</param>
    /// <returns>The bytes to send (null for no body) and whether they differ from a plain mirror.</returns>
    public static (byte[]? Body, bool Changed) Build(HookDecision decision, byte[] requestBody, string? restClientConfig)
    {
        switch (decision.Mode)
        {
            case AnswerBodyMode.Empty:
                return (null, true);
            case AnswerBodyMode.Custom:
                return (System.Text.Encoding.UTF8.GetBytes(decision.Json ?? "{}"), true);
        }
        var addConfig = decision.Status == 200 && restClientConfig is not null;
        if (decision.Mode == AnswerBodyMode.Mirror && !addConfig) return (requestBody, false);

        var mirror = JsonNode.Parse(requestBody)!.AsObject();
        if (decision.Mode == AnswerBodyMode.Overrides && decision.Json is not null)
            Merge(mirror, JsonNode.Parse(decision.Json)!.AsObject());
        if (addConfig) mirror["restClientConfig"] = JsonNode.Parse(restClientConfig!);
        return (JsonSerializer.SerializeToUtf8Bytes(mirror), true);
    }

    /// <summary>Deep merge: objects merge key by key, anything else replaces.</summary>
    public static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides.ToArray())
        {
            if (value is JsonObject child && target[key] is JsonObject existing) Merge(existing, child);
            else target[key] = value?.DeepClone();
        }
    }
}
