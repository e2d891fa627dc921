using System.Diagnostics;
using System.Text;
using StreamPortal.Data.Entities;
using StreamPortal.Hooks;
using StreamPortal.Ingest;
using StreamPortal.Rules;
using StreamPortal.Wcs;

namespace StreamPortal.Replay;

/// <summary>
/// Replays to this portal without a round trip over HTTP: the rules engine decides the answer exactly as for a hook
/// from WCS, and the event goes through the ingest queue marked as a replay. The mark is set here, in process, so a
/// caller on the hook endpoint has no way to forge it, and live hooks pay nothing for it (no header to look up).
/// Not reproduced: the caller check (an admin asked for this replay) and a rule's delay (recorded, not waited).
/// </summary>
public sealed class LocalReplayTarget(IngestQueue queue, IHookResponder responder, TimeProvider time)
{
    public async Task<ReplaySend> SendAsync(HookEvent original, byte[] body, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var evt = StoredHooks.NewEvent(time.GetUtcNow().ToUnixTimeMilliseconds(), original.App, original.Method, body, original.Headers);
        evt.ReplayOf = original.Id;
        var parsed = HookBodyParser.Parse(body);
        IngestItem item;
        string? answerText;
        if (parsed.Fields is not { } fields)
        {
            evt.Rejected = true;
            evt.RejectReason = parsed.Error;
            evt.AnswerStatus = StatusCodes.Status400BadRequest;
            answerText = null;
            item = StoredHooks.Item(evt, body, null, null);
        }
        else
        {
            var decision = await responder.DecideAsync(new HookRequest(original.App, original.Method, evt.Kind, fields, body), ct);
            var restClientConfig = evt.Kind == HookKind.Connect && decision.Status == 200 ? responder.RestClientConfigFor(fields.AppKey) : null;
            var (answer, changed) = AnswerBuilder.Build(decision, body, restClientConfig);
            evt.AnswerStatus = decision.Status;
            evt.AnswerBody = changed && answer is not null ? Encoding.UTF8.GetString(answer) : null;
            evt.RuleId = decision.RuleId;
            evt.RuleName = decision.RuleName;
            evt.DelayMs = decision.DelayMs;
            answerText = answer is null ? null : Encoding.UTF8.GetString(answer);
            item = StoredHooks.Item(evt, body, fields, restClientConfig);
        }
        try
        {
            var id = await queue.WriteAndCommitAsync(item, ct);
            return new ReplaySend(id, ReplayAnswers.FromText(evt.AnswerStatus, answerText, Stopwatch.GetElapsedTime(start).TotalMilliseconds), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ReplaySend(null, null, "The replay could not be stored: " + ex.Message);
        }
    }
}
