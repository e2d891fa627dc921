using Microsoft.AspNetCore.Components;
using StreamPortal.Anomalies;
using StreamPortal.Components.Controls;
using StreamPortal.Components.Model;

namespace StreamPortal.Components.Pages.Anomalies;

/// <summary>
/// Lifecycle anomalies; what it shows is <see cref="AnomaliesViewModel"/>'s, its filters and page are the URL's. Live
/// through <see cref="AnomalyFeed"/> (the detector tells it when it stored a change), at most twice a second.
/// </summary>
public sealed partial class Anomalies : ListPage<AnomaliesViewModel, AnomalyItem, AnomaliesState>
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(500);

    [Inject] private AnomalyQueries Queries { get; set; } = default!;
    [Inject] private AnomalyFeed Changes { get; set; } = default!;

    // Declared so that a changed query string (Back) sets parameters again; the state is parsed in AnomaliesState.
    [SupplyParameterFromQuery(Name = AnomaliesState.KindKey)] public string? KindQuery { get; set; }
    [SupplyParameterFromQuery(Name = AnomaliesState.OpenKey)] public string? OpenQuery { get; set; }
    [SupplyParameterFromQuery(Name = AnomaliesState.SubjectKey)] public string? SubjectQuery { get; set; }
    [SupplyParameterFromQuery(Name = AnomaliesState.PageKey)] public string? PageQuery { get; set; }

    private int _refreshScheduled;

    protected override AnomaliesViewModel CreateModel() => new(Queries);
    protected override AnomaliesState Parse(string uri) => AnomaliesState.Parse(uri);
    protected override string UrlOf(AnomaliesState state) => state.ToUrl();

    protected override void OnInitialized()
    {
        base.OnInitialized();
        Changes.Changed += OnChanged;
    }

    private static string? OpenText(bool? open) => open switch { true => "open", false => "resolved", null => null };

    private static bool? OpenOf(string? text) => text switch { "open" => true, "resolved" => false, _ => null };

    private void OnChanged()
    {
        // Called on the detector's loop: schedule one refresh and return at once.
        if (Interlocked.Exchange(ref _refreshScheduled, 1) == 1) return;
        _ = RefreshSoonAsync();
    }

    private async Task RefreshSoonAsync()
    {
        try
        {
            await Task.Delay(RefreshEvery, Disposed);
            Volatile.Write(ref _refreshScheduled, 0);
            await InvokeAsync(async () =>
            {
                await Model.RefreshAsync(Disposed);
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (Disposed.IsCancellationRequested) { }
        catch (ObjectDisposedException) when (Disposed.IsCancellationRequested) { }
    }

    protected override void OnDispose() => Changes.Changed -= OnChanged;
}
