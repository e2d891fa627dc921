using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Controls;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Pages;

public sealed partial class StreamDetails : LivePage
{
    [Inject] private StreamQueries Queries { get; set; } = default!;

    [Parameter] public string MediaSessionId { get; set; } = "";

    private string Id => Uri.UnescapeDataString(MediaSessionId);
    private StreamDetail? _stream;
    private bool _loaded;
    private TimelineScope _scope = new();
    private int _version;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        await FollowAsync(batches => batches.Any(Touches), LoadAsync);
    }

    // This instance changed, or (for a publisher) one of its players did.
    private bool Touches(CommittedBatch batch) =>
        batch.StreamIds.Contains(Id) || (_stream?.Name is { } name && batch.Events.Any(e => e.Name == name));

    private async Task LoadAsync()
    {
        _stream = await Queries.GetAsync(Id, Disposed, withEvents: false);
        _scope = new TimelineScope(MediaSessionId: Id);
        _version++;
        _loaded = true;
    }

}
