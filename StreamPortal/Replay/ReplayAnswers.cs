using StreamPortal.Data.Entities;
using StreamPortal.Data.Queries;

namespace StreamPortal.Replay;

/// <summary>The answer an event got, as stored: its own answer body, or its request body when the answer mirrored it.</summary>
public static class ReplayAnswers
{
    public static ReplayAnswer Of(HookEvent e)
    {
        // The hook handler stores an answer body only when it was not a plain mirror of the request body.
        var text = e.AnswerBody ?? (e.AnswerStatus == 200 && !e.Rejected && e.BodyEncoding is null ? e.Body : null);
        return FromText(e.AnswerStatus, text, e.LatencyMs);
    }

    public static ReplayAnswer FromText(int status, string? text, double latencyMs) =>
        new(status, JsonText.Element(text), text, latencyMs);
}
