using System.Collections.Frozen;
namespace StreamPortal.Wcs;

/// <summary>Every WCS hook method and its kind, as in docs/wcs-hooks.md; the one place rules and the UI look them up.</summary>
public static class HookCatalogue
{
    private static readonly (HookKind Kind, string[] Methods)[] Groups =
    [
        (HookKind.Connect, [WcsMethod.Connect]),
        (HookKind.DirectCall,
        [
            WcsMethod.PublishStream, WcsMethod.PlayStream, WcsMethod.UnPublishStream, WcsMethod.StopStream, "pauseStream", "snapshot", "playHLS",
            "playRTSP", "call", "answer", "hold", "unhold", "transfer", WcsMethod.Hangup, "sendDtmf", "sendMessage", "sendIMDN",
            "subscribe", "sendXcapRequest", "OnDataEvent", "submitBugReport", "pushLogs", "sessionDebug",
        ]),
        (HookKind.Event,
        [
            WcsMethod.ConnectionStatusEvent, WcsMethod.StreamStatusEvent, WcsMethod.StreamKeepAliveEvent, "RegistrationStatusEvent",
            "CallStatusEvent", "TransferStatusEvent", "MessageStatusEvent", "DataStatusEvent", "BugReportStatusEvent",
            "SessionDebugStatusEvent", "ErrorStatusEvent",
        ]),
        (HookKind.Incoming, ["OnCallEvent", "OnMessageEvent", "OnTransferEvent"]),
    ];

    private static readonly FrozenDictionary<string, HookKind> Kinds =
        Groups.SelectMany(g => g.Methods.Select(m => KeyValuePair.Create(m, g.Kind))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Known method names in catalogue order.</summary>
    public static IReadOnlyList<string> Methods { get; } = Groups.SelectMany(g => g.Methods).ToArray();

    /// <summary>The known methods of one kind (none for Unknown).</summary>
    public static IReadOnlyList<string> MethodsOf(HookKind kind) =>
        Groups.Where(g => g.Kind == kind).SelectMany(g => g.Methods).ToArray();

    public static HookKind KindOf(string method) => Kinds.GetValueOrDefault(method, HookKind.Unknown);

    public static bool IsKnown(string method) => Kinds.ContainsKey(method);

    public static string Describe(HookKind kind) => kind switch
    {
        HookKind.Connect => "connect",
        HookKind.DirectCall => "direct call",
        HookKind.Event => "event",
        HookKind.Incoming => "incoming",
        _ => "unknown",
    };
}
