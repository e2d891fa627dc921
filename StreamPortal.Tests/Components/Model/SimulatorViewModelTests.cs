using Microsoft.Extensions.Logging.Abstractions;
using StreamPortal.Components.Model;
using StreamPortal.Simulator;
using StreamPortal.Tests.Simulator;

namespace StreamPortal.Tests.Components.Model;

/// <summary>The Simulator page's logic without a page: validation, the default URL, a run followed to its summary.</summary>
public sealed class SimulatorViewModelTests
{
    private readonly FakeWcsBackend _backend = new();

    private SimulatorViewModel Model(SimulationRuns? runs = null) =>
        new(runs ?? Runs(), () => "http://127.0.0.1:5999/rest/sim");

    private SimulationRuns Runs() =>
        new(new SimulationEngine(_backend.Client(), TimeProvider.System), TimeProvider.System, NullLogger<SimulationRuns>.Instance);

    [Fact]
    public async Task A_blank_url_targets_the_portal_itself_and_the_run_is_followed_to_its_summary()
    {
        var model = Model();
        model.Values.Sessions = 1;
        model.Values.PlayersPerStream = 0;
        model.Values.DurationSeconds = 0;
        model.Values.Rate = 1000;
        model.Values.FailShare = 0;

        Assert.True(model.Start());
        Assert.Equal("http://127.0.0.1:5999/rest/sim", model.View!.Options.Url);
        await model.Run!.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(model.Refresh());
        Assert.Equal(SimulationState.Completed, model.View!.State);
        Assert.Equal(1.0, model.View.Progress);
        Assert.Equal(8, model.View.Summary.HooksSent);
        Assert.All(_backend.Hooks, h => Assert.Equal("sim", (string?)h.Body["appKey"]));
        Assert.Equal("/events?appKey=sim", SimulatorViewModel.EventsUrl);
    }

    [Fact]
    public void Bad_values_are_reported_per_field_and_start_nothing()
    {
        var runs = Runs();
        var model = Model(runs);
        model.Values.Url = "file:///etc/passwd";
        model.Values.Sessions = 0;

        Assert.False(model.Start());
        Assert.NotNull(model.ErrorOf("url"));
        Assert.NotNull(model.ErrorOf("sessions"));
        Assert.Null(model.ErrorOf("rate"));
        Assert.Empty(runs.List());
    }

    [Fact]
    public void A_third_concurrent_run_is_refused_with_a_reason_and_a_new_model_follows_the_latest_run()
    {
        var runs = Runs();
        for (var i = 0; i < SimulationRuns.MaxRunning; i++)
        {
            var running = Model(runs);
            running.Values.DurationSeconds = 600;
            Assert.True(running.Start());
        }
        var third = Model(runs);
        Assert.False(third.Start());
        Assert.NotNull(third.ErrorOf("run"));

        var later = Model(runs);
        later.Load();
        Assert.Same(runs.List()[0], later.Run);
        Assert.True(later.Running);
        foreach (var run in runs.List()) run.Stop();
    }
}
