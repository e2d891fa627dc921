using Microsoft.AspNetCore.Components;
using StreamPortal.Components.Model;
using StreamPortal.Simulator;

namespace StreamPortal.Components.Pages.Simulator;

/// <summary>Thin: <see cref="SimulatorViewModel"/> holds the logic; the page polls the run a few times a second while it runs.</summary>
public sealed partial class Simulator : IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    [Inject] private SimulationRuns Runs { get; set; } = default!;
    [Inject] private SelfHookUrl Self { get; set; } = default!;

    private readonly CancellationTokenSource _disposed = new();
    private SimulatorViewModel Model { get; set; } = default!;
    private bool _polling;

    protected override void OnInitialized()
    {
        Model = new SimulatorViewModel(Runs, Self);
        Model.Load();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && Model.Running) _ = PollAsync();
    }

    private Task StartAsync()
    {
        if (Model.Start() && !_polling) _ = PollAsync();
        return Task.CompletedTask;
    }

    /// <summary>Refreshes the run until it ends (and once more, for its summary), or the page goes.</summary>
    private async Task PollAsync()
    {
        _polling = true;
        try
        {
            using var timer = new PeriodicTimer(PollEvery);
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                var running = Model.Refresh();
                await InvokeAsync(StateHasChanged);
                if (!running) break;
            }
        }
        catch (OperationCanceledException) { }
        finally { _polling = false; }
    }

    // Cancelled, not disposed: a poll loop may still read its token after the page has gone.
    public void Dispose() => _disposed.Cancel();
}
