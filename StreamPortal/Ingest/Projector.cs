using StreamPortal.Data.Entities;
using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// How one hook changes a stream or session row, whatever order hooks arrive in: a status only replaces one of
/// equal or higher rank (<see cref="StatusOrder"/>), other fields keep their last known value.
/// Pure: the writer applies it to cached rows and writes each changed row once per batch.
/// </summary>
public static class Projector
{
    public static void ApplyStream(StreamInstance row, bool isNew, HookFields f, HookEvent e)
    {
        if (isNew)
        {
            row.MediaSessionId = f.MediaSessionId!;
            row.FirstSeenMs = e.ReceivedAtMs;
            row.LastSeenMs = e.ReceivedAtMs;
        }
        row.Name = Latest(row.Name, f.Name);
        row.SessionId = Latest(row.SessionId, f.SessionId);
        row.AppKey = Latest(row.AppKey, f.AppKey);
        row.NodeId = Latest(row.NodeId, f.NodeId);
        row.Published = f.Published ?? row.Published;
        if (StatusOrder.Accepts(row.Status, f.Status))
        {
            row.Status = Latest(row.Status, f.Status);
            row.Info = Latest(row.Info, f.Info);
        }
        row.MediaProvider = Latest(row.MediaProvider, f.MediaProvider);
        row.HasAudio = f.HasAudio ?? row.HasAudio;
        row.HasVideo = f.HasVideo ?? row.HasVideo;
        row.Record = f.Record ?? row.Record;
        row.Width = f.Width ?? row.Width;
        row.Height = f.Height ?? row.Height;
        row.Bitrate = f.Bitrate ?? row.Bitrate;
        row.AudioCodec = Latest(row.AudioCodec, f.AudioCodec);
        row.VideoCodec = Latest(row.VideoCodec, f.VideoCodec);
        row.FirstSeenMs = Math.Min(row.FirstSeenMs, e.ReceivedAtMs);
        row.LastSeenMs = Math.Max(row.LastSeenMs, e.ReceivedAtMs);
        row.LastEventId = e.Id;
        row.EventCount++;
    }

    /// <param name="status">The session status the hook implies, or null.</param>
    /// <param name="clientFields">Whether the hook's client fields describe the session (connect and connection events
    /// do; stream hooks carry the stream's own custom object).</param>
    public static void ApplySession(ClientSession row, bool isNew, HookFields f, HookEvent e, string? status, string? restClientConfig, bool clientFields)
    {
        if (isNew)
        {
            row.SessionId = f.SessionId!;
            row.FirstSeenMs = e.ReceivedAtMs;
            row.LastSeenMs = e.ReceivedAtMs;
        }
        row.AppKey = Latest(row.AppKey, f.AppKey);
        row.NodeId = Latest(row.NodeId, f.NodeId);
        if (StatusOrder.Accepts(row.Status, status)) row.Status = Latest(row.Status, status);
        if (clientFields)
        {
            row.Origin = Latest(row.Origin, f.Origin);
            row.ClientVersion = Latest(row.ClientVersion, f.ClientVersion);
            row.ClientOsVersion = Latest(row.ClientOsVersion, f.ClientOsVersion);
            row.ClientBrowserVersion = Latest(row.ClientBrowserVersion, f.ClientBrowserVersion);
            row.MediaProviders = Latest(row.MediaProviders, f.MediaProviders);
            row.Custom = Latest(row.Custom, f.Custom);
            row.Login = Latest(row.Login, f.Login);
        }
        row.RestClientConfig = Latest(row.RestClientConfig, restClientConfig);
        if (status == SessionStatus.Established) row.ConnectedAtMs ??= e.ReceivedAtMs;
        if (SessionStatus.IsEnded(status)) row.DisconnectedAtMs ??= e.ReceivedAtMs;
        row.FirstSeenMs = Math.Min(row.FirstSeenMs, e.ReceivedAtMs);
        row.LastSeenMs = Math.Max(row.LastSeenMs, e.ReceivedAtMs);
        row.EventCount++;
    }

    /// <summary>
    /// The incoming value if there is one, else the current. An equal incoming string keeps the current instance: the
    /// writer's cached rows live long, so taking each hook's new copy of the same text would have the GC promote it.
    /// </summary>
    public static string? Latest(string? current, string? incoming) =>
        incoming is null || string.Equals(incoming, current, StringComparison.Ordinal) ? current : incoming;
}
