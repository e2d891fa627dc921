using Microsoft.AspNetCore.Components;
using StreamPortal.Live;

namespace StreamPortal.Components.Controls;

/// <summary>
/// A page that follows the live feed (Aspire Dashboard's pattern): a throttled subscription whose callback re-queries
/// on the page's renderer and re-renders. Closing the page cancels queries in flight; that is not an error.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private ThrottledSubscription? _subscription;

    [Inject] protected HookFeed Feed { get; set; } = default!;

    protected CancellationToken Disposed => _disposed.Token;

    /// <param name="wanted">Whether these batches concern the page (cheap, in memory).</param>
    /// <param name="refresh">Re-query; runs on the renderer, followed by a render.</param>
    protected void Follow(Func<IReadOnlyList<CommittedBatch>, bool> wanted, Func<Task> refresh, TimeSpan? interval = null) =>
        _subscription ??= new ThrottledSubscription(Feed, batches => wanted(batches) ? RefreshAsync(refresh) : Task.CompletedTask, interval);

    /// <summary>
    /// <see cref="Follow"/>, then one refresh right away the first time: what was committed between the page's
    /// first query and its subscription would otherwise only show with the next hook.
    /// </summary>
    protected async Task FollowAsync(Func<IReadOnlyList<CommittedBatch>, bool> wanted, Func<Task> refresh, TimeSpan? interval = null)
    {
        var first = _subscription is null;
        Follow(wanted, refresh, interval);
        if (first) await refresh();
    }

    private async Task RefreshAsync(Func<Task> refresh)
    {
        if (_disposed.IsCancellationRequested) return;
        try
        {
            await InvokeAsync(async () =>
            {
                await refresh();
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested) { }
        catch (ObjectDisposedException) when (_disposed.IsCancellationRequested) { }
    }

    protected virtual void OnDispose() { }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        OnDispose();
        GC.SuppressFinalize(this);
    }
}
