using StreamPortal.Wcs;

namespace StreamPortal.Rules;

/// <summary>
/// Says in words what WCS will do with a rule's answer (wcs-hooks.md, "Four kinds of hook"), from each hook's
/// kind and the restOnError / restPolicy the app's connect policy gives that method.
/// </summary>
public static class EffectPredictor
{
    /// <summary>WCS's default rest_request_timeout (the one in force is StreamPortal:Wcs:RestTimeoutSeconds, see WcsTimings).</summary>
    public const int WcsTimeoutMs = 15_000;

    /// <summary>The flag of the editor and the rules list.</summary>
    public const string TimeoutFlag = "WCS will time out before this answer";

    /// <summary>Whether some answer of the rule comes after WCS has stopped waiting (fixed delay, or the top of a random range).</summary>
    public static bool TimesOut(RuleAnswer answer, int wcsTimeoutMs) => Math.Max(answer.DelayMs, answer.DelayMaxMs ?? 0) >= wcsTimeoutMs;

    private static readonly HookKind[] Kinds = [HookKind.Connect, HookKind.DirectCall, HookKind.Event, HookKind.Incoming];

    /// <param name="policyFor">The method's policy in the app's connect policy (WCS defaults when not listed).</param>
    /// <param name="policyName">Names the policy in the text, e.g. "app defaultApp" or "default policy".</param>
    /// <param name="wcsTimeoutMs">WCS's rest_request_timeout in force.</param>
    public static IReadOnlyList<string> Predict(RuleDefinition rule, Func<string, MethodPolicy> policyFor, string policyName, DateTimeOffset now,
        int wcsTimeoutMs = WcsTimeoutMs)
    {
        var answer = rule.Answer;
        var lines = new List<string>();
        var methods = rule.Match.Methods;
        if (methods.Count == 0)
        {
            foreach (var kind in Kinds) lines.Add($"{Capitalise(KindName(kind))}: {ForKind(kind, answer)}");
        }
        else
        {
            foreach (var method in methods.Distinct()) lines.Add(ForMethod(method, answer, policyFor(method), policyName));
        }
        lines.AddRange(DelayNotes(answer, methods, policyFor, policyName, wcsTimeoutMs));
        if (!rule.Enabled) lines.Add("The rule is disabled: it matches nothing until enabled.");
        if (rule.Limits.ActiveUntil is { } until && until <= now) lines.Add("activeUntil has passed: the rule no longer matches.");
        return lines;
    }

    private static string ForMethod(string method, RuleAnswer a, MethodPolicy p, string policyName)
    {
        var kind = HookCatalogue.KindOf(method);
        var status = a.Status;
        var onError = $"restOnError {p.RestOnError}";
        if (status == 200) return $"200 to {method}: {TwoHundred(kind, method, a, p)}";
        var head = $"{status} to {method}";
        return kind switch
        {
            HookKind.Connect => $"any non-200 to connect: the connection is refused (whatever restOnError says); WCS posts ConnectionStatusEvent FAILED and DISCONNECTED.",
            HookKind.DirectCall when method is WcsMethod.UnPublishStream or WcsMethod.StopStream or WcsMethod.Hangup =>
                $"{head}: denying {method} is pointless, the stream or call ends anyway ({onError} in the {policyName}).",
            HookKind.DirectCall when !p.Fails =>
                $"{head} with {onError}: WCS logs it and {Proceeds(method)} anyway (set restOnError FAIL for {method} in the {policyName} to make it bite).",
            HookKind.DirectCall =>
                $"{head} with {onError}: the operation is aborted and the client gets the error{(method == WcsMethod.PublishStream ? " (the publish ends FAILED)" : "")}.",
            HookKind.Event when method == WcsMethod.StreamKeepAliveEvent && status == 403 && p.Fails =>
                $"{head} with {onError}: WCS stops that stream.",
            HookKind.Event when p.Fails => $"{head} with {onError}: the client gets an ErrorEvent (nothing is forbidden).",
            HookKind.Event => $"{head} with {onError}: WCS ignores it (events cannot forbid anything).",
            HookKind.Incoming when p.Fails => $"{head} with {onError}: the caller gets 403 and the client the error.",
            HookKind.Incoming => $"{head} with {onError}: WCS logs it and delivers the call/message anyway.",
            _ => $"{head}: {method} is not a known WCS hook; WCS's reaction is not documented.",
        };
    }

    private static string TwoHundred(HookKind kind, string method, RuleAnswer a, MethodPolicy p)
    {
        var mode = a.Body.Mode;
        if (kind == HookKind.Connect)
            return mode switch
            {
                AnswerBodyMode.Mirror => "WCS accepts the connection; the answer carries the app's restClientConfig.",
                AnswerBodyMode.Overrides => "WCS accepts the connection; the answer carries the overrides and the app's restClientConfig (connection data such as SIP credentials can be added this way).",
                AnswerBodyMode.Custom => "WCS accepts the connection with a custom body (no restClientConfig unless the body has one).",
                _ => "WCS expects a JSON body; an empty answer to connect may be treated as an error.",
            };
        return mode switch
        {
            AnswerBodyMode.Mirror => "WCS proceeds normally.",
            AnswerBodyMode.Overrides or AnswerBodyMode.Custom when p.RestPolicy == "OVERWRITE" =>
                $"WCS proceeds; with restPolicy OVERWRITE it takes only the fields listed in restOverwrite ({(p.RestOverwrite.Length == 0 ? "none listed" : p.RestOverwrite)}) from the answer{Taken(a, p)}.",
            AnswerBodyMode.Overrides or AnswerBodyMode.Custom =>
                $"WCS proceeds; with restPolicy {p.RestPolicy} it takes nothing from the answer, so the changed fields have no effect (set restPolicy OVERWRITE and list them in restOverwrite for {method}).",
            _ => "WCS proceeds; the empty body gives it nothing to take.",
        };
    }

    /// <summary>For overrides: which of the overridden top-level fields WCS will take and which it ignores.</summary>
    private static string Taken(RuleAnswer a, MethodPolicy p)
    {
        if (a.Body.Json is not { ValueKind: System.Text.Json.JsonValueKind.Object } json) return "";
        var listed = p.RestOverwrite.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var names = json.EnumerateObject().Select(x => x.Name).ToList();
        var taken = names.Where(listed.Contains).ToList();
        var ignored = names.Where(n => !listed.Contains(n)).ToList();
        var text = taken.Count > 0 ? $": {string.Join(", ", taken)} taken" : ": none of the changed fields is taken";
        if (ignored.Count > 0 && taken.Count > 0) text += $", {string.Join(", ", ignored)} ignored";
        return text;
    }

    private static string ForKind(HookKind kind, RuleAnswer a)
    {
        if (a.Status == 200)
            return kind == HookKind.Connect ? "200: WCS accepts the connection." : "200: WCS proceeds (it takes changed fields only where restPolicy is OVERWRITE and restOverwrite lists them).";
        return kind switch
        {
            HookKind.Connect => "any non-200 to connect: the connection is refused.",
            HookKind.DirectCall => $"{a.Status}: with restOnError LOG (default) WCS logs it and carries on; with FAIL the operation is aborted (a publish ends FAILED). Denying unPublishStream, stopStream or hangup is pointless.",
            HookKind.Event => $"{a.Status}: with restOnError LOG ignored; with FAIL the client gets an ErrorEvent (403 to StreamKeepAliveEvent with FAIL stops the stream).",
            _ => $"{a.Status}: with restOnError FAIL the caller gets 403 and the client the error; with LOG it is logged.",
        };
    }

    private static IEnumerable<string> DelayNotes(RuleAnswer a, IReadOnlyList<string> methods, Func<string, MethodPolicy> policyFor, string policyName, int timeoutMs)
    {
        var max = Math.Max(a.DelayMs, a.DelayMaxMs ?? 0);
        var seconds = $"{timeoutMs / 1000.0:0.###} s";
        if (max >= timeoutMs)
        {
            var which = a.DelayMs >= timeoutMs
                ? $"the delay of {a.DelayMs} ms reaches"
                : $"delays from {timeoutMs} ms up to {max} ms (of the range {a.DelayMs}-{max}) reach";
            yield return $"{TimeoutFlag}: {which} WCS's rest_request_timeout ({seconds}, as set in Settings), so WCS stops waiting and " +
                         "treats it as the backend not answering (an interaction error), whatever the rule answers:";
            if (methods.Count == 0)
                foreach (var kind in Kinds) yield return $"On timeout, {KindName(kind)}: {TimeoutForKind(kind)}";
            else
                foreach (var method in methods.Distinct()) yield return $"On timeout, {method}: {TimeoutForMethod(method, policyFor(method), policyName)}";
        }
        else if (max > 0)
            yield return $"WCS waits {(a.DelayMaxMs is { } m && m > a.DelayMs ? $"{a.DelayMs}-{m}" : a.DelayMs.ToString())} ms for the answer (its timeout is {seconds}), which slows the client's operation by as much.";
    }

    /// <summary>What WCS does when a backend does not answer a method in time (docs/wcs-hooks.md: an interaction error).</summary>
    private static string TimeoutForMethod(string method, MethodPolicy p, string policyName)
    {
        var onError = $"restOnError {p.RestOnError} in the {policyName}";
        return HookCatalogue.KindOf(method) switch
        {
            HookKind.Connect => "the client is refused (whatever restOnError says); WCS posts ConnectionStatusEvent FAILED and DISCONNECTED.",
            HookKind.DirectCall when method is WcsMethod.UnPublishStream or WcsMethod.StopStream or WcsMethod.Hangup =>
                $"the stream or call ends anyway, after the wait ({onError}).",
            HookKind.DirectCall when !p.Fails => $"with {onError}, WCS logs it and {Proceeds(method)} anyway, after the wait.",
            HookKind.DirectCall => $"with {onError}, the operation is aborted and the client gets the error{(method == WcsMethod.PublishStream ? " (the publish ends FAILED)" : "")}.",
            HookKind.Event when p.Fails => $"with {onError}, the client gets an ErrorEvent.",
            HookKind.Event => $"with {onError}, WCS ignores it.",
            HookKind.Incoming when p.Fails => $"with {onError}, the caller gets 403 and the client the error.",
            HookKind.Incoming => $"with {onError}, WCS logs it and delivers the call/message anyway, after the wait.",
            _ => $"{method} is not a known WCS hook; WCS's reaction is not documented.",
        };
    }

    private static string TimeoutForKind(HookKind kind) => kind switch
    {
        HookKind.Connect => "the client is refused.",
        HookKind.DirectCall => "with restOnError LOG (default) WCS logs it and carries on after the wait; with FAIL the operation is aborted.",
        HookKind.Event => "with restOnError LOG ignored; with FAIL the client gets an ErrorEvent.",
        _ => "with restOnError FAIL the caller gets 403 and the client the error; with LOG it is logged.",
    };

    private static string Proceeds(string method) => method switch
    {
        WcsMethod.PublishStream => "publishes",
        WcsMethod.PlayStream => "plays",
        "call" => "places the call",
        "answer" => "answers the call",
        "sendMessage" => "sends the message",
        _ => "carries on",
    };

    private static string KindName(HookKind kind) => kind switch
    {
        HookKind.DirectCall => "direct calls",
        HookKind.Event => "events",
        HookKind.Incoming => "incoming",
        _ => HookCatalogue.Describe(HookKind.Connect),
    };

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
