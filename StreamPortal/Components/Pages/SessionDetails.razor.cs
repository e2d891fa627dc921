using Microsoft.AspNetCore.Components;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Pages;

/// <summary>One session; its id may contain '/' (older WCS), so the route is a catch-all and the id arrives URL-encoded.</summary>
public sealed partial class SessionDetails : IDisposable
{
    [Inject] private SessionQueries Queries { get; set; } = default!;
    [Inject] private HookFeed Feed { get; set; } = default!;

    [Parameter] public string? SessionId { get; set; }

    private string Id => Uri.UnescapeDataString(SessionId ?? "");
    private SessionDetail? _session;
    private bool _loaded;
    private ThrottledSubscription? _subscription;
    private readonly CancellationTokenSource _disposed = new();

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _subscription ??= new ThrottledSubscription(Feed, batches => InvokeAsync(async () =>
        {
            if (_disposed.IsCancellationRequested || !batches.Any(b => b.SessionIds.Contains(Id))) return;
            await LoadAsync();
            StateHasChanged();
        }));
    }

    private async Task LoadAsync()
    {
        _session = await Queries.GetAsync(Id, _disposed.Token);
        _loaded = true;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
    }
}
