namespace StreamPortal.Wcs;

/// <summary>
/// The hook methods the portal treats by name (every known method and its kind is in <see cref="HookCatalogue"/>).
/// </summary>
public static class WcsMethod
{
    public const string Connect = "connect";
    public const string ConnectionStatusEvent = "ConnectionStatusEvent";
    public const string StreamStatusEvent = "StreamStatusEvent";
    public const string StreamKeepAliveEvent = "StreamKeepAliveEvent";
    public const string PublishStream = "publishStream";
    public const string PlayStream = "playStream";
    public const string UnPublishStream = "unPublishStream";
    public const string StopStream = "stopStream";
    public const string Hangup = "hangup";
}
