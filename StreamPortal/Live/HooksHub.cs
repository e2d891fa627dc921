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

    /// <summary>
    /// Groups one connection may be in besides "all": every group costs the server memory, and one connection joining
    /// 100,000 of them grew the process by 427 MB.
    /// </summary>
    public const int MaxGroupsPerConnection = 50;

    /// <summary>Longer than any appKey or stream name WCS uses in practice, short enough to bound a group's key.</summary>
    public const int MaxNameLength = 256;

    private static readonly object JoinedKey = new();

    public static string AppGroup(string appKey) => "app:" + appKey;
    public static string StreamGroup(string name) => "stream:" + name;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, AllGroup);
        await base.OnConnectedAsync();
    }

    /// <summary>Receive the events of one appKey in the app group too (and stay in "all").</summary>
    public Task JoinApp(string appKey) => JoinAsync(AppGroup(Checked(appKey, nameof(appKey))));
    public Task LeaveApp(string appKey) => LeaveAsync(AppGroup(Checked(appKey, nameof(appKey))));
    public Task JoinStream(string name) => JoinAsync(StreamGroup(Checked(name, nameof(name))));
    public Task LeaveStream(string name) => LeaveAsync(StreamGroup(Checked(name, nameof(name))));
    private async Task JoinAsync(string group)
    {
        var joined = Joined();
        if (joined.Contains(group)) return;
        if (joined.Count >= MaxGroupsPerConnection)
            throw new HubException($"A connection may join at most {MaxGroupsPerConnection} app and stream groups; leave one first.");
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        joined.Add(group);
    }

    private async Task LeaveAsync(string group)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        Joined().Remove(group);
    }

    /// <summary>Invocations of one connection run one at a time (SignalR's default), so a plain set is enough.</summary>
    private HashSet<string> Joined()
    {
        if (Context.Items.TryGetValue(JoinedKey, out var value) && value is HashSet<string> set) return set;
        var created = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[JoinedKey] = created;
        return created;
    }

    private static string Checked(string? name, string parameter)
    {
        if (string.IsNullOrEmpty(name)) throw new HubException($"{parameter} must not be empty.");
        if (name.Length > MaxNameLength) throw new HubException($"{parameter} must have at most {MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw new HubException($"{parameter} must not contain control characters.");
        return name;
    }

    /// <summary>For clients that want only their groups: leave "all".</summary>
    public Task LeaveAll() => Groups.RemoveFromGroupAsync(Context.ConnectionId, AllGroup);
}
