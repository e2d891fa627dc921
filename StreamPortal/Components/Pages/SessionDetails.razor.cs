using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Pages;

/// <summary>One session; its id may contain '/' (older WCS), so the route is a catch-all and the id arrives URL-encoded.</summary>
public sealed partial class SessionDetails : LivePage
{
    [Inject] private SessionQueries Queries { get; set; } = default!;

    [Parameter] public string? SessionId { get; set; }

    private string Id => Uri.UnescapeDataString(SessionId ?? "");
    private SessionDetail? _session;
    private bool _loaded;
    private TimelineScope _scope = new();
    private int _version;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        await FollowAsync(batches => batches.Any(b => b.SessionIds.Contains(Id)), LoadAsync);
    }

    private async Task LoadAsync()
    {
        _session = await Queries.GetAsync(Id, Disposed, withEvents: false);
        _scope = new TimelineScope(SessionId: Id);
        _version++;
        _loaded = true;
    }

}
