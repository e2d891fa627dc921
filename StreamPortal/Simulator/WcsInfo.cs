namespace StreamPortal.Simulator;

/// <summary>The <c>info</c> texts WCS writes with the statuses the simulator sends (docs/wcs-hooks.md, "Statuses").</summary>
public static class WcsInfo
{
    public const string StoppedByUser = "Stopped by user";
    public const string StoppedBySessionDisconnect = "Stopped by session disconnect";
    public const string StoppedByPublisherStop = "Stopped by publisher stop";
    public const string IceTimeout = "Failed by ICE timeout";
    public const string RtpActivity = "Failed by RTP activity";
    public const string NameInUse = "Stream name is already in use";
    public const string TerminatedByKeepAlive = "Terminated by keep-alive";
    public const string RestrictedAccess = "Restricted access";
    public const string StreamNotFound = "Stream not found";
    public const string NormalDisconnect = "Normal disconnect";

    public static string Of(StreamFault fault) => fault switch
    {
        StreamFault.NoMedia => IceTimeout,
        StreamFault.MediaLost => RtpActivity,
        StreamFault.NameInUse => NameInUse,
        _ => "",
    };
}
