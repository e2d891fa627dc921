using Microsoft.AspNetCore.Components;
using MudBlazor;
using StreamPortal.Anomalies;
using StreamPortal.Components.Controls;
using StreamPortal.Live;

namespace StreamPortal.Components.Pages;

/// <summary>Live counts, the hook rate of the last hour and the latest failures; refreshed at most every 2 s.</summary>
public sealed partial class Dashboard : LivePage
{
    [Inject] private DashboardQueries Queries { get; set; } = default!;
    [Inject] private AnomalyQueries Anomalies { get; set; } = default!;
    [Inject] private StreamPortal.WcsApi.WcsTimings Timings { get; set; } = default!;

    private int WcsTimeoutSeconds => Timings.Current.RestTimeoutSeconds;

    private DashboardCounts? _counts;
    private HookRate? _rate;
    private DashboardFailures? _failures;
    private IReadOnlyDictionary<string, int>? _anomalies;
    private List<ChartSeries<double>> _byMethod = [];
    private List<ChartSeries<double>> _byAnswer = [];
    private List<ChartSeries<double>> _background = [];
    private FailurePages _pages = new();
    private string[] _labels = [];

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        await FollowAsync(_ => true, LoadAsync, TimeSpan.FromSeconds(2));
    }

    private async Task LoadAsync()
    {
        var ct = Disposed;
        _counts = await Queries.CountsAsync(ct);
        _rate = await Queries.RateAsync(ct);
        _failures = await Queries.FailuresAsync(_pages, ct);
        _anomalies = await Anomalies.OpenCountsAsync(ct);
        // Every tenth minute labelled: sixty labels do not fit a phone.
        _labels = _rate.Minutes.Select((m, i) => i % 10 == 0 || i == _rate.Minutes.Count - 1 ? m.UtcDateTime.ToString("HH:mm") : "").ToArray();
        _byMethod = ToSeries(_rate.ByMethod);
        _byAnswer = ToSeries(_rate.ByAnswer);
        _background = ToSeries(new Dictionary<string, int[]> { ["keep-alives"] = _rate.KeepAlives, ["200 answers"] = _rate.Ok });
    }

    private async Task ShowPageAsync(FailurePages pages)
    {
        _pages = pages;
        _failures = await Queries.FailuresAsync(_pages, Disposed);
    }

    private static List<ChartSeries<double>> ToSeries(IReadOnlyDictionary<string, int[]> series) =>
        series.Select(s => new ChartSeries<double> { Name = s.Key, Data = s.Value.Select(v => (double)v).ToArray() }).ToList();

}
