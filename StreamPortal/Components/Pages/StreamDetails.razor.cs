using Microsoft.AspNetCore.Components;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Pages;

public sealed partial class StreamDetails : IDisposable
{
    [Inject] private StreamQueries Queries { get; set; } = default!;
    [Inject] private HookFeed Feed { get; set; } = default!;

    [Parameter] public string MediaSessionId { get; set; } = "";

    private string Id => Uri.UnescapeDataString(MediaSessionId);
    private StreamDetail? _stream;
    private bool _loaded;
    private ThrottledSubscription? _subscription;
    private readonly CancellationTokenSource _disposed = new();

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _subscription ??= new ThrottledSubscription(Feed, batches => InvokeAsync(async () =>
        {
            if (_disposed.IsCancellationRequested || !batches.Any(Touches)) return;
            await LoadAsync();
            StateHasChanged();
        }));
    }

    // This instance changed, or (for a publisher) one of its players did.
    private bool Touches(CommittedBatch batch) =>
        batch.StreamIds.Contains(Id) || (_stream?.Name is { } name && batch.Events.Any(e => e.Name == name));

    private async Task LoadAsync()
    {
        _stream = await Queries.GetAsync(Id, _disposed.Token);
        _loaded = true;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
    }
}
