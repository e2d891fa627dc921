using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StreamPortal.Auth;

namespace StreamPortal.Live;

/// <summary>
/// /hubs/hooks: live summaries for clients that are not the console (scripts, other dashboards).
/// Server to client: "eventSummaries" (EventSummary[]), "streamsChanged" (mediaSessionIds), "sessionsChanged" (sessionIds).
/// Everyone is in group "all"; JoinApp/JoinStream add the narrower groups.
/// </summary>
[Authorize(Policy = PortalRoles.CanView)]
public sealed class HooksHub : Hub
{
    public const string Path = "/hubs/hooks";
    public const string AllGroup = "all";

    public static string AppGroup(string appKey) => "app:" + appKey;
    public static string StreamGroup(string name) => "stream:" + name;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, AllGroup);
        await base.OnConnectedAsync();
    }

    /// <summary>Receive the events of one appKey in the app group too (and stay in "all").</summary>
    public Task JoinApp(string appKey) => Groups.AddToGroupAsync(Context.ConnectionId, AppGroup(appKey));
    public Task LeaveApp(string appKey) => Groups.RemoveFromGroupAsync(Context.ConnectionId, AppGroup(appKey));
    public Task JoinStream(string name) => Groups.AddToGroupAsync(Context.ConnectionId, StreamGroup(name));
    public Task LeaveStream(string name) => Groups.RemoveFromGroupAsync(Context.ConnectionId, StreamGroup(name));
    /// <summary>For clients that want only their groups: leave "all".</summary>
    public Task LeaveAll() => Groups.RemoveFromGroupAsync(Context.ConnectionId, AllGroup);
}
