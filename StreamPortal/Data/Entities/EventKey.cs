namespace StreamPortal.Data.Entities;

/// <summary>
/// A small integer standing for one session id, media session id or stream name, handed out in order of first
/// sight. Events are indexed by these keys instead of by the strings (see <see cref="HookEvent.SessionKey"/>).
/// </summary>
public sealed class EventKey
{
    public long Id { get; set; }
    public string Value { get; set; } = "";
}
