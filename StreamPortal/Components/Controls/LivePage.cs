using Microsoft.AspNetCore.Components;
using StreamPortal.Live;

namespace StreamPortal.Components.Controls;

/// <summary>
/// The base of every live page (Aspire Dashboard's pattern): a throttled subscription whose callback re-queries
/// on the page's renderer and re-renders, and the circuit's cancellation token for every query. Closing the page
/// cancels queries in flight; that is not an error. What a page shows lives in its view model
/// (<c>Components/Model</c>); the page renders it and keeps the URL in step with it.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private ThrottledSubscription? _subscription;

    [Inject] protected HookFeed Feed { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

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

    /// <summary>
    /// Puts the page's state in the address bar. A user's change is a new history entry (Back returns to the previous
    /// filter); correcting a URL the page could not show as it was (a bad value, a page past the end) replaces it,
    /// so Back does not lead into the same correction again.
    /// </summary>
    protected void ShowInUrl(string url, bool replace = false)
    {
        // While prerendering, navigating would turn the page's first response into a redirect; the interactive
        // render that follows applies the same state and corrects the URL then.
        if (!RendererInfo.IsInteractive) return;
        if (string.Equals("/" + Navigation.ToBaseRelativePath(Navigation.Uri), url, StringComparison.Ordinal)) return;
        Navigation.NavigateTo(url, replace: replace);
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
